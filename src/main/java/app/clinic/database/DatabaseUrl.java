package app.clinic.database;

import app.clinic.config.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the service's PostgreSQL is, parsed from DATABASE_URL. Accepts the seed's URL forms
 * ({@code postgresql://user:pass@host:5432/db}, {@code postgres://…}, also with a driver suffix such as
 * {@code postgresql+asyncpg://…}) and plain JDBC URLs ({@code jdbc:postgresql://…}).
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    private static final String VARIABLE = "DATABASE_URL";

    public static DatabaseUrl parse(String url) {
        String value = url.strip();
        if (value.startsWith("jdbc:postgresql://")) {
            requireAuthority(value.substring("jdbc:".length()));
            return new DatabaseUrl(value, null, null);
        }
        URI uri = requireAuthority(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("postgres") && !scheme.equals("postgresql") && !scheme.startsWith("postgresql+")) {
            throw new InvalidSettingException(
                    VARIABLE,
                    "must start with postgresql://, postgres:// or jdbc:postgresql:// (the scheme is not one"
                            + " of these)");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isEmpty() || database.contains("/")) {
            throw new InvalidSettingException(
                    VARIABLE, "must name one database after the host, as in …@host:5432/clinic");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String jdbcUrl = "jdbc:postgresql://" + hostForJdbc(uri.getHost()) + ":" + port + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            username = decode(userInfo[0]);
            password = userInfo.length == 2 ? decode(userInfo[1]) : null;
        }
        return new DatabaseUrl(jdbcUrl, username, password);
    }

    private static URI requireAuthority(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidSettingException(
                        VARIABLE, "must name a host, as in postgresql://user:pass@host:5432/db");
            }
            return uri;
        } catch (URISyntaxException e) {
            // The value is left out of the message: it may carry a password.
            throw new InvalidSettingException(
                    VARIABLE, "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String hostForJdbc(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same server and credentials, another database of it. */
    DatabaseUrl withDatabase(String database) {
        return new DatabaseUrl(jdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"), username, password);
    }

    /**
     * A connection of its own, outside the pool: for work whose session must end with it (a backup's replication
     * slot) or that must not wait on the pool (a health check).
     */
    Connection openConnection(int connectTimeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
    }
}
