# The storywatch jar in a JRE image. Build the jar first: mvn -B -ntp package -DskipTests
# BASE_IMAGE: any Java 17 runtime with useradd; scripts/docker-images builds one locally (storywatch/jre:17-bookworm)
# where no registry is reachable.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
RUN useradd --system --create-home --home-dir /home/storywatch storywatch \
    && mkdir -p /data && chown storywatch /data
COPY target/storywatch.jar /app/storywatch.jar
USER storywatch
WORKDIR /data
ENTRYPOINT ["java", "-jar", "/app/storywatch.jar"]
CMD ["--help"]
