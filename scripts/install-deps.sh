#!/bin/sh
# Installs the Debian packages dyad needs to build and run, when any is missing.
# As root it runs apt-get; otherwise it prints the command to run.
set -e
PKGS="build-essential pkg-config libutf8proc-dev libjansson-dev zlib1g-dev libzstd-dev \
libsqlite3-dev libxml2-dev liblingua-en-tagger-perl wordnet-base iso-codes libgeonames-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "dyad: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || true
	apt-get install -y -qq $missing >/dev/null
else
	echo "dyad: missing packages; run:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
