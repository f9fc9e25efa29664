#!/usr/bin/env bash
# Builds the orleans-betting image (tag orleans-betting:local) with docker or podman.
#
#   docker/build.sh                 use the official .NET 10 base images when a registry answers,
#                                   else make local base images first (Debian bookworm from the
#                                   Debian mirror + this machine's .NET runtime/SDK)
#   ENGINE=podman docker/build.sh   pick the engine (default: docker if its engine answers, else podman)
#   BASE=local|official             force the choice of base images
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TAG="${TAG:-orleans-betting:local}"
# docker only if its engine answers (a docker CLI without an engine is common); else podman.
ENGINE="${ENGINE:-$(docker info >/dev/null 2>&1 && echo docker || echo podman)}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/orleans-betting"
log() { printf '[docker/build.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
command -v "$ENGINE" >/dev/null 2>&1 || { echo "docker/build.sh: neither docker nor podman found (apt-get install podman buildah runc debootstrap)" >&2; exit 1; }

if [[ "$ENGINE" == podman ]]; then
  # Checked on these machines: crun cannot start containers ("cgroups in hybrid mode") and the default
  # ulimits exceed what is allowed. A private containers.conf fixes both without touching /etc.
  mkdir -p "$CACHE"
  cat > "$CACHE/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF="$CACHE/containers.conf"
fi

BASE="${BASE:-}"
if [[ -z "$BASE" ]]; then
  if timeout 20 "$ENGINE" pull -q mcr.microsoft.com/dotnet/aspnet:10.0 >/dev/null 2>&1; then BASE=official; else BASE=local; fi
fi

BUILD_ARGS=(--build-arg "VERSION=$(git -C "$ROOT" describe --tags --always 2>/dev/null || echo 0.0.0-local)"
            --build-arg "REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)")
VOLUMES=()
if [[ "$BASE" == local ]]; then
  [[ "$ENGINE" == podman ]] || { echo "docker/build.sh: local base images need podman and buildah (no registry reachable)" >&2; exit 1; }
  DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  ROOTFS_TAR="$CACHE/bookworm-rootfs.tar"
  if ! podman image exists localhost/bookworm-runtime:latest; then
    if [[ ! -f "$ROOTFS_TAR" ]]; then
      MIRROR="$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -m1 -v security | awk '{print $2}' || true)"
      log "making a Debian bookworm base from ${MIRROR:-http://deb.debian.org/debian} (debootstrap, about a minute)"
      ROOTFS="$(mktemp -d /tmp/bookworm-rootfs.XXXXXX)"
      debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$ROOTFS" "${MIRROR:-http://deb.debian.org/debian}" >"$CACHE/debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
      tar -C "$ROOTFS" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
        --exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' --exclude='./usr/share/locale/*' --exclude='./usr/share/info/*' \
        -cf "$ROOTFS_TAR" .
      rm -rf "$ROOTFS"
    fi
    podman import -q "$ROOTFS_TAR" localhost/bookworm-runtime:latest >/dev/null
  fi
  if ! podman image exists localhost/orleans-betting-runtime:10.0; then
    log "making the runtime base (Debian + this machine's .NET and ASP.NET Core runtimes)"
    ctr="$(buildah from localhost/bookworm-runtime:latest)"
    buildah copy "$ctr" "$DOTNET_DIR/dotnet" /usr/share/dotnet/dotnet >/dev/null
    buildah copy "$ctr" "$DOTNET_DIR/host" /usr/share/dotnet/host >/dev/null
    buildah copy "$ctr" "$DOTNET_DIR/shared" /usr/share/dotnet/shared >/dev/null
    buildah config --env DOTNET_ROOT=/usr/share/dotnet --env PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
    buildah commit -q "$ctr" localhost/orleans-betting-runtime:10.0 >/dev/null
    buildah rm "$ctr" >/dev/null
  fi
  if ! podman image exists localhost/orleans-betting-sdk:10.0; then
    log "making the SDK base (Debian + this machine's .NET SDK)"
    ctr="$(buildah from localhost/bookworm-runtime:latest)"
    buildah copy "$ctr" "$DOTNET_DIR" /usr/share/dotnet >/dev/null
    buildah config --env DOTNET_ROOT=/usr/share/dotnet --env PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
    buildah commit -q "$ctr" localhost/orleans-betting-sdk:10.0 >/dev/null
    buildah rm "$ctr" >/dev/null
  fi
  BUILD_ARGS+=(--build-arg SDK_IMAGE=localhost/orleans-betting-sdk:10.0 --build-arg RUNTIME_IMAGE=localhost/orleans-betting-runtime:10.0)
  # The restore reads this machine's NuGet cache (and its CA bundle for anything missing).
  mkdir -p "$HOME/.nuget/packages"
  VOLUMES=(-v "$HOME/.nuget/packages:/root/.nuget/packages" -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
fi

log "building $TAG with $ENGINE ($BASE base images)"
started=$(date +%s)
"$ENGINE" build -f "$ROOT/docker/Dockerfile" -t "$TAG" "${BUILD_ARGS[@]}" "${VOLUMES[@]}" "$ROOT"
log "built $TAG in $(( $(date +%s) - started )) s: $("$ENGINE" image inspect "$TAG" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1000000}')"
