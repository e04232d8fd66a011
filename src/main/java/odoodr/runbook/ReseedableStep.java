package odoodr.runbook;


/**
 * A copy step that {@code --reseed} redoes on purpose (the base backup, the filestore seed). Its verify ignores
 * --reseed: once the fresh copy is made, the step is done, not needed again.
 */
public abstract class ReseedableStep implements Step<SetupContext> {
    @Override
    public final Check check(SetupContext ctx) {
        return check(ctx, ctx.options().reseed());
    }

    @Override
    public final Check verify(SetupContext ctx) {
        return check(ctx, false);
    }

    protected abstract Check check(SetupContext ctx, boolean reseed);
}
