# spinmon in a container, for docker-compose.yml: runs the application jar that the build makes
# (mvn -B -DskipTests package, or ./spinmon --version, writes dashboard/target/spinmon.jar).
# Data (MNIST, the runs, ND4J's unpacked natives) lives under /data, a volume in the compose file.
FROM eclipse-temurin:17-jre
COPY dashboard/target/spinmon.jar /opt/spinmon/spinmon.jar
ENV OMP_NUM_THREADS=1 \
    SPINMON_MNIST=/data/mnist
WORKDIR /data
EXPOSE 9464
# --add-modules: the analyzer's SIMD kernels (Vector API, incubating in Java 17); without it they fall back to scalar.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-Dorg.bytedeco.javacpp.cachedir=/data/javacpp", \
            "-jar", "/opt/spinmon/spinmon.jar"]
# Inside the container the server must listen on every interface for Prometheus to reach it; the compose
# file publishes the port on 127.0.0.1 only.
CMD ["train", "--host", "0.0.0.0", "--runs", "/data/runs", "--hold"]
