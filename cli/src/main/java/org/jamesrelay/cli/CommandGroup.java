package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first word of a {@code james-relay policy} command: a group of actions ({@code networks list}, {@code networks
 * add}...), or a command of its own ({@code explain}).
 */
final class CommandGroup {
    final String name;
    private final boolean hasActions;
    private final Optional<String> defaultAction;
    private final Map<String, Action> actions;

    private CommandGroup(String name, boolean hasActions, Optional<String> defaultAction, List<Action> actions) {
        this.name = name;
        this.hasActions = hasActions;
        this.defaultAction = defaultAction;
        Map<String, Action> byName = new LinkedHashMap<>();
        actions.forEach(action -> byName.put(action.name, action));
        this.actions = byName;
    }

    /** Actions named by the second word; {@code defaultAction}, if any, when there is none. */
    static CommandGroup of(String name, Optional<String> defaultAction, List<Action> actions) {
        return new CommandGroup(name, true, defaultAction, actions);
    }

    /** A command without actions: the words after its name are its arguments. */
    static CommandGroup command(Action action) {
        return new CommandGroup(action.name, false, Optional.empty(), List.of(action));
    }

    PolicyRequest request(List<String> words, ParsedArguments options) throws UsageException {
        if (!hasActions) {
            return actions.get(name).request(new CommandArguments(name, words, options));
        }
        List<String> completed = new ArrayList<>(words);
        if (completed.size() == 1 && defaultAction.isPresent()) {
            completed.add(defaultAction.get());
        }
        String actionName = completed.size() > 1 ? completed.get(1) : "";
        Action action = actions.get(actionName);
        if (action == null) {
            String known = String.join(", ", actions.keySet());
            throw new UsageException(actionName.isEmpty() ? name + ": an action is needed: " + known
                : name + ": unknown action '" + actionName + "'; the actions are " + known);
        }
        return action.request(new CommandArguments(name + " " + actionName, completed, options));
    }
}
