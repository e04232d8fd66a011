package odoodr.filestore;

import odoodr.host.LocalAccounts;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which uid the odoo user gets, against this machine's real accounts (getent). */
class OdooUserPlanTest {
    private final LocalAccounts accounts = new LocalAccounts(new ProcessRunner());

    @Test
    void prodsUidWhenItIsFreeHere() {
        assertThat(accounts.user("64999")).as("a uid nobody has here").isEmpty();
        assertThat(EnsureOdooUserStep.uidPlan(accounts, new EnsureOdooUserStep.ProdOwner(64999, 64999)))
                .isEqualTo("with uid 64999 (the owner of prod's filestore)");
    }

    @Test
    void anyFreeSystemUidWhenProdsIsTakenHereFilesAreOwnedByName() {
        assertThat(EnsureOdooUserStep.uidPlan(accounts, new EnsureOdooUserStep.ProdOwner(0, 0)))
                .startsWith("with a free system uid (prod's filestore owner, uid 0, is root here");
    }

    @Test
    void getentFindsUsersByNameAndByUid() {
        assertThat(accounts.user("root")).get().extracting(LocalAccounts.Entry::id).isEqualTo(0);
        assertThat(accounts.user("0")).get().extracting(LocalAccounts.Entry::name).isEqualTo("root");
        assertThat(accounts.group("root")).isPresent();
        assertThat(accounts.user("no-such-user-odoo-dr")).isEmpty();
    }
}
