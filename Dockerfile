# syntax=docker/dockerfile:1
# The silo image of docker-compose.yml: the `controlplane` executable (src/ControlPlane.Silo).
# Tags pinned to the SDK and runtime this repository is built and tested with.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Restore first, from the project files alone, so that a code change does not repeat the restore.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ControlPlane.Api/ControlPlane.Api.csproj src/ControlPlane.Api/
COPY src/ControlPlane.Clustering/ControlPlane.Clustering.csproj src/ControlPlane.Clustering/
COPY src/ControlPlane.Clustering.Cassandra/ControlPlane.Clustering.Cassandra.csproj src/ControlPlane.Clustering.Cassandra/
COPY src/ControlPlane.Clustering.Sqlite/ControlPlane.Clustering.Sqlite.csproj src/ControlPlane.Clustering.Sqlite/
COPY src/ControlPlane.Configuration/ControlPlane.Configuration.csproj src/ControlPlane.Configuration/
COPY src/ControlPlane.Core/ControlPlane.Core.csproj src/ControlPlane.Core/
COPY src/ControlPlane.Cql/ControlPlane.Cql.csproj src/ControlPlane.Cql/
COPY src/ControlPlane.Dns/ControlPlane.Dns.csproj src/ControlPlane.Dns/
COPY src/ControlPlane.Dns.Rfc2136/ControlPlane.Dns.Rfc2136.csproj src/ControlPlane.Dns.Rfc2136/
COPY src/ControlPlane.Dns.Route53/ControlPlane.Dns.Route53.csproj src/ControlPlane.Dns.Route53/
COPY src/ControlPlane.Grains/ControlPlane.Grains.csproj src/ControlPlane.Grains/
COPY src/ControlPlane.Probing/ControlPlane.Probing.csproj src/ControlPlane.Probing/
COPY src/ControlPlane.Silo/ControlPlane.Silo.csproj src/ControlPlane.Silo/
COPY src/ControlPlane.Storage/ControlPlane.Storage.csproj src/ControlPlane.Storage/
COPY src/ControlPlane.Storage.Cassandra/ControlPlane.Storage.Cassandra.csproj src/ControlPlane.Storage.Cassandra/
COPY src/ControlPlane.Storage.Sqlite/ControlPlane.Storage.Sqlite.csproj src/ControlPlane.Storage.Sqlite/
COPY src/ControlPlane.Telemetry/ControlPlane.Telemetry.csproj src/ControlPlane.Telemetry/
RUN dotnet restore src/ControlPlane.Silo/ControlPlane.Silo.csproj
COPY src/ src/
RUN dotnet publish src/ControlPlane.Silo/ControlPlane.Silo.csproj -c Release --no-restore -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
# The silo's working directory: provider paths of the cluster definition resolve against it.
RUN mkdir -p /var/lib/controlplane && chown app:app /var/lib/controlplane
WORKDIR /var/lib/controlplane
COPY --from=build /app /app
# The non-root user of Microsoft's .NET images.
USER app
EXPOSE 8480 11111
ENTRYPOINT ["dotnet", "/app/controlplane.dll"]
CMD ["run", "--config", "/etc/controlplane/silo.yaml"]
