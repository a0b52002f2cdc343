# The clinic service as a container image: built with the Maven wrapper, run on a JDK 21 runtime (virtual threads)
# as a non-root user, from Spring Boot's layers so that a code change rebuilds only the last one.
#   docker build -t clinic-appointments .
#   docker compose up        (compose.yaml: the service and PostgreSQL 18)

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
# The tests run in CI (./mvnw verify), against a real PostgreSQL; the image build only packages.
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests package \
    && cp target/clinic-appointments-*.jar application.jar \
    && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:21-jre AS runtime
# tini reaps processes (the embedded PostgreSQL's, when no DATABASE_URL is given); curl answers HEALTHCHECK.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /app clinic
WORKDIR /app
COPY --from=build --chown=clinic:clinic /src/extracted/dependencies/ ./
COPY --from=build --chown=clinic:clinic /src/extracted/spring-boot-loader/ ./
COPY --from=build --chown=clinic:clinic /src/extracted/snapshot-dependencies/ ./
COPY --from=build --chown=clinic:clinic /src/extracted/application/ ./
USER clinic
# Class-data sharing: one training start of the application (on a throwaway embedded database) records the
# classes it loads, which every later start maps instead of loading them again.
RUN DATA_DIR=/tmp/cds-training PORT=0 MANAGEMENT_PORT=0 BACKUP_CRON=- \
        java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -jar application.jar \
    && rm -rf /tmp/cds-training /tmp/embedded-pg
ENV PORT=8000 \
    MANAGEMENT_PORT=8001 \
    MANAGEMENT_ADDRESS=0.0.0.0 \
    DATA_DIR=/app/data/postgres \
    BACKUP_DIR=/app/data/backups \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME /app/data
EXPOSE 8000 8001
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8001/actuator/health/readiness || exit 1
ENTRYPOINT ["tini", "--", "java", "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
