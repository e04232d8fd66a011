package odoodr.preflight;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.postgres.PrimarySession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only queries returning several columns (PrimarySession answers single values). */
final class Sql {
    private Sql() {
    }

    /** Every row as column label → text (SQL NULL → null). */
    static List<Map<String, String>> rows(PrimarySession session, String sql, Object... params) {
        try (PreparedStatement st = session.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, String>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rs.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, session.describe() + ": " + e.getMessage(),
                    "the query was: " + sql, e);
        }
    }
}
