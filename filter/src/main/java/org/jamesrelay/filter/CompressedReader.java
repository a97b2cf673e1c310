package org.jamesrelay.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2Utils;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipUtils;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZUtils;

/**
 * A compressed file (gzip, bzip2, xz) as an archive of one member, named as gunzip and its kin name it: after the
 * compressed file ({@code x.js.gz} holds {@code x.js}, {@code a.tgz} holds {@code a.tar}) and, for gzip, by the name
 * its header records ({@code gunzip -N}). Concatenated streams are read as one, as the tools do.
 * <p>
 * xz needs org.tukaani's xz library, which James does not ship: without it an xz file cannot be read.
 */
final class CompressedReader implements ArchiveReader {
    static final CompressedReader GZIP = new CompressedReader(GzipUtils::getUncompressedFilename,
        in -> new GzipCompressorInputStream(in, true));
    static final CompressedReader BZIP2 = new CompressedReader(BZip2Utils::getUncompressedFilename,
        in -> new BZip2CompressorInputStream(in, true));
    static final CompressedReader XZ = new CompressedReader(XZUtils::getUncompressedFilename, CompressedReader::xz);

    private final UnaryOperator<String> uncompressedName;
    private final Decompressor decompressor;

    private CompressedReader(UnaryOperator<String> uncompressedName, Decompressor decompressor) {
        this.uncompressedName = uncompressedName;
        this.decompressor = decompressor;
    }

    @Override
    public void read(byte[] archive, Names container, Visitor visitor) throws IOException {
        Names names = Names.of(container.primary().map(uncompressedName));
        try (InputStream in = decompressor.open(new ByteArrayInputStream(archive))) {
            if (in instanceof GzipCompressorInputStream) {
                names = names.saved(Optional.ofNullable(((GzipCompressorInputStream) in).getMetaData().getFilename()));
            }
            visitor.visit(new Member(names, 0, false), Optional.of(in));
        }
    }

    private static InputStream xz(InputStream in) throws IOException {
        if (!XZUtils.isXZCompressionAvailable()) {
            throw new IOException("xz needs org.tukaani:xz, which James does not ship");
        }
        return new XZCompressorInputStream(in, true);
    }

    private interface Decompressor {
        InputStream open(InputStream compressed) throws IOException;
    }
}
