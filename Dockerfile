# The storywatch jar in a JRE image. Build the jar first: mvn -B -ntp package -DskipTests
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /home/storywatch storywatch \
    && mkdir -p /data && chown storywatch /data
COPY target/storywatch.jar /app/storywatch.jar
USER storywatch
WORKDIR /data
ENTRYPOINT ["java", "-jar", "/app/storywatch.jar"]
CMD ["--help"]
