package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.clinic.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void postgresqlUrlWithCredentialsBecomesJdbcUrlAndUser() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://clinic:s3cret@db.internal:5433/appointments");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/appointments");
        assertThat(url.username()).isEqualTo("clinic");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void postgresSchemeIsAcceptedAndPortDefaultsTo5432() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://user:pass@localhost/clinic");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/clinic");
        assertThat(url.username()).isEqualTo("user");
    }

    @Test
    void seedAsyncpgFormIsAccepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://postgres:postgres@localhost:5432/appointment_db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/appointment_db");
    }

    @Test
    void percentEncodedPasswordIsDecodedAndQueryKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss%3Aw0rd@db:5432/clinic?sslmode=require");

        assertThat(url.password()).isEqualTo("p@ss:w0rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/clinic?sslmode=require");
    }

    @Test
    void jdbcUrlIsUsedAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/clinic?user=app&password=x");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/clinic?user=app&password=x");
        assertThat(url.username()).isNull();
    }

    @Test
    void otherSchemeIsRefusedNamingTheVariableWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:topsecret@localhost:3306/clinic"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void unparsableUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://us er:pa ss@host/db"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("pa ss");
        assertThatThrownBy(() -> DatabaseUrl.parse("not a url"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DATABASE_URL ");
    }

    @Test
    void urlWithoutDatabaseIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://user:pass@localhost:5432"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("database");
    }
}
