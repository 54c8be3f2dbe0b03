#!/bin/sh
# Installs EdgeStream as a systemd service (see deploy/README.md). Idempotent: run it again to upgrade.
#   sudo deploy/install.sh                      publish self-contained for this machine and install
#   sudo deploy/install.sh --framework-dependent   needs the .NET 10 runtime on the machine (this RID only)
#   sudo deploy/install.sh --from DIR           install an already published folder (e.g. built for linux-arm64)
#   sudo deploy/install.sh --uninstall [--purge]   remove the service and program; --purge also config and state
# --root DIR installs under DIR instead of / and never calls systemctl (packaging, tests).
# --no-start installs and enables but does not (re)start the service.
set -eu

prefix=/opt/edgestream
root=
mode=self-contained
from=
runtime=
rid=
start=yes
action=install
purge=no
repo=$(cd "$(dirname "$0")/.." && pwd)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
die() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix=$2; shift ;;
        --root) root=${2:?--root needs a folder}; shift ;;
        --from) from=${2:?--from needs a folder}; shift ;;
        --runtime) runtime=${2:?--runtime needs a RID such as linux-arm64}; shift ;;
        --self-contained) mode=self-contained ;;
        --framework-dependent) mode=framework-dependent ;;
        --no-start) start=no ;;
        --uninstall) action=uninstall ;;
        --purge) purge=yes ;;
        -h|--help) usage 0 ;;
        *) echo "install.sh: unknown argument $1" >&2; usage 2 ;;
    esac
    shift
done

# The prefix is removed with rm -rf on upgrade and uninstall: refuse anything that is not plainly EdgeStream's folder.
prefix=$(printf '%s' "$prefix" | sed 's#/*$##')
case "$prefix" in
    "") die "--prefix must not be empty or /" ;;
    /*) ;;
    *) die "--prefix must be absolute: $prefix" ;;
esac
case "$prefix/" in */./*|*/../*|*//*) die "--prefix must be a plain path (no ., .. or //): $prefix" ;; esac
case "$prefix" in /*/*) ;; *) die "--prefix must be at least two levels deep (such as /opt/edgestream), not $prefix" ;; esac
case "$prefix" in /usr|/usr/*|/etc|/etc/*|/var|/bin|/sbin|/lib|/lib64|/boot|/dev|/proc|/sys|/run|/home|/root)
    die "--prefix $prefix is a system folder; use a folder of its own such as /opt/edgestream" ;;
esac
case "$prefix" in /home/*/*|/root/*/*) ;; /home/*|/root/*)
    die "--prefix $prefix is a home folder (a system folder for this purpose); use a folder of its own inside it" ;;
esac
# An existing prefix must be empty or hold an EdgeStream install (its executable), never another program's folder.
owned_prefix() {
    [ ! -e "$1" ] && return 0
    [ -d "$1" ] || return 1
    [ -e "$1/edgestream" ] || [ -z "$(ls -A "$1")" ]
}
[ -z "$root" ] && [ "$(id -u)" -ne 0 ] && die "run as root (or stage with --root DIR)"
[ -n "$root" ] && root=$(mkdir -p "$root" && cd "$root" && pwd)

etc=$root/etc/edgestream
unit_dir=$root/etc/systemd/system
unit=$unit_dir/edgestream.service
dropins=$unit_dir/edgestream.service.d

# systemctl only on a live systemd (not under --root, not in a container without systemd).
systemd_live() { [ -z "$root" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }
systemd_version() { systemctl --version 2>/dev/null | awk 'NR==1 { print $2 + 0 }'; }

owned_prefix "$root$prefix" || die "$root$prefix exists and is not an EdgeStream install (no edgestream executable there); refusing to replace or remove it"

if [ "$action" = uninstall ]; then
    if systemd_live; then
        systemctl disable --now edgestream.service 2>/dev/null || true
    fi
    rm -f "$unit"
    rm -rf "$dropins" "$root$prefix" "$root$prefix.new"
    if [ "$purge" = yes ]; then
        rm -rf "$etc" "$root/var/lib/edgestream" "$root/var/lib/private/edgestream" "$root/var/cache/edgestream" "$root/var/cache/private/edgestream"
        echo "removed EdgeStream, its config ($etc) and its state (outbox)"
    else
        echo "removed EdgeStream; kept $etc and /var/lib/edgestream (--purge removes them)"
    fi
    if systemd_live; then
        systemctl daemon-reload
    fi
    exit 0
fi

# 1. The program: published into a fresh folder, then swapped in whole.
stage=$root$prefix.new
rm -rf "$stage"
if [ -n "$from" ]; then
    [ -e "$from/edgestream" ] || die "--from $from has no edgestream executable"
    mkdir -p "$stage"
    cp -a "$from/." "$stage/"
else
    command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET 10 SDK) is needed to publish; or pass --from DIR"
    # Always for one runtime: without --runtime a framework-dependent publish carries every platform's native
    # libraries (391 MB, 380 MB of them for other systems); with it only this machine's (or --runtime's).
    rid=${runtime:-$(dotnet --info | awk '/RID:/ { print $2; exit }')}
    if [ "$mode" = self-contained ]; then
        set -- --self-contained true --runtime "$rid"
    else
        set -- --self-contained false --runtime "$rid"
    fi
    echo "publishing ($mode${rid:+, $rid}) ..."
    # Build outputs go to a temp folder, not into the checkout (which may be read-only or shared).
    artifacts=$(mktemp -d)
    trap 'rm -rf "$artifacts"' EXIT
    dotnet publish "$repo/src/EdgeStream.Host/EdgeStream.Host.csproj" -c Release -o "$stage" --artifacts-path "$artifacts" --nologo "$@"
fi
mkdir -p "$stage/deploy"
cp "$repo/deploy/README.md" "$stage/deploy/README.md"
chmod -R u=rwX,go=rX "$stage"
rm -rf "$root$prefix"
mv "$stage" "$root$prefix"
echo "installed $root$prefix"

# 2. Config: written once from the bundled default, paths made absolute; never overwritten.
mkdir -p "$etc"
chmod 0755 "$etc"
if [ -e "$etc/edgestream.json" ]; then
    echo "kept $etc/edgestream.json"
else
    sed -e "s#\"models/#\"$prefix/models/#g" -e "s#csv:models/#csv:$prefix/models/#g" "$root$prefix/appsettings.json" > "$etc/edgestream.json"
    chmod 0644 "$etc/edgestream.json"
    echo "wrote $etc/edgestream.json (edit streams, models and broker there)"
fi

# 3. The MQTT password credential: LoadCredential= needs the file, an empty one means no password.
if [ ! -e "$etc/mqtt-password" ]; then
    (umask 077 && : > "$etc/mqtt-password")
    echo "created empty $etc/mqtt-password (put the broker password there, mode 0600)"
fi
chmod 0600 "$etc/mqtt-password"

# 4. The unit, with the install prefix, and restart backoff where systemd supports it.
mkdir -p "$unit_dir"
sed "s#/opt/edgestream#$prefix#g" "$repo/deploy/edgestream.service" > "$unit.tmp"
mv "$unit.tmp" "$unit"
chmod 0644 "$unit"
version=$(systemd_version || true)
if [ "${version:-0}" -ge 254 ]; then
    mkdir -p "$dropins"
    printf '[Service]\nRestartSteps=6\nRestartMaxDelaySec=5min\n' > "$dropins/restart-backoff.conf"
fi
echo "installed $unit"

if systemd_live; then
    systemctl daemon-reload
    systemctl enable edgestream.service
    if [ "$start" = yes ]; then
        systemctl restart edgestream.service
        echo "started: systemctl status edgestream; journalctl -u edgestream -f"
    fi
else
    echo "systemd is not running here (or --root): skipped daemon-reload, enable and start"
fi
