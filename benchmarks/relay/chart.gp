# Chart of benchmarks/relay/run, which calls it as
#   gnuplot -e "datafile='...'; outfile='...'; xtics_spec='\"1 KiB\" 0, \"100 KiB\" 1'; xmax=1;
#               present='0 1 2 3 4'; boxw=0.147; subtitle='...'" chart.gp
# datafile columns: xpos size_index system_index msgs_med msgs_min msgs_max cpu_med cpu_min cpu_max
# system_index (the order of ALL_SYSTEMS in run): 0 stock James, 1 James Relay with its durable queue,
# 2 James Relay on the memory queue, 3 Postfix with its queue on disk, 4 Postfix with its queue in tmpfs.

array T[5] = ["stock James 3.8.1 (memory queue)", "James Relay (durable queue)", "James Relay (memory queue)", "Postfix (queue on disk)", "Postfix (queue in tmpfs)"]
array C[5] = ["#8c8c8c", "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78"]

set terminal pngcairo size 1280,560 font "DejaVu Sans,11" noenhanced
set output outfile
set multiplot layout 1,2 title "End-to-end relay: smtp-source -> relay under test -> smtp-sink, loopback\n" . subtitle font ",12"

set style fill solid 0.9 border rgb "#404040"
set boxwidth boxw
set grid ytics lc rgb "#dddddd"
set border 3
set xtics nomirror scale 0
set ytics nomirror
eval "set xtics (" . xtics_spec . ")"
set xrange [-0.5:xmax + 0.5]
set yrange [0:*]
set offsets 0, 0, graph 0.10, 0
set key outside bottom center horizontal

set title "Delivered messages per second (higher is better)"
set ylabel "msg/s"
plot for [s in present] datafile using 1:($3 == s + 0 ? $4 : NaN) with boxes lc rgb C[s + 1] title T[s + 1], \
     datafile using 1:4:5:6 with yerrorbars lc rgb "black" pt 7 ps 0.4 lw 1.2 notitle, \
     datafile using 1:6:(sprintf("%.0f", $4)) with labels offset 0,0.8 font ",9" notitle

set title "Relay CPU per message (lower is better)"
set ylabel "CPU ms per message"
plot for [s in present] datafile using 1:($3 == s + 0 ? $7 : NaN) with boxes lc rgb C[s + 1] title T[s + 1], \
     datafile using 1:7:8:9 with yerrorbars lc rgb "black" pt 7 ps 0.4 lw 1.2 notitle, \
     datafile using 1:9:(sprintf("%.2f", $7)) with labels offset 0,0.8 font ",9" notitle

unset multiplot
