package odoodr.cli;

import picocli.CommandLine.Option;

/** The {@code --output text|json} option of a command whose JSON form is its whole stdout (a picocli mixin). */
final class TextOrJsonOutput {
    enum Format { text, json }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (stdout carries only the JSON document)")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
