package odoodr.cli;

/** Entry point of the odoo-dr jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(OdooDrCommand.newCommandLine().execute(args));
    }
}
