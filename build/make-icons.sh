#!/bin/sh
# Draws Mortar's icon (a mortar and pestle with a pharmacy cross) with ImageMagick 6 and writes the sizes
# electron-builder uses. Run from anywhere: sh build/make-icons.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Drawn at 1024 px and scaled down, so the edges are smooth at every size.
convert -size 1024x1024 xc:none \
  -fill '#0f766e' -draw "roundrectangle 48,48 976,976 200,200" \
  -stroke '#cbd5e1' -strokewidth 96 -draw "stroke-linecap round line 700,200 500,560" -stroke none \
  -fill '#ffffff' -draw "path 'M 236,520 L 788,520 A 276,276 0 0,1 236,520 Z'" \
  -fill '#f1f5f9' -draw "roundrectangle 212,492 812,548 28,28" \
  -fill '#ffffff' -draw "roundrectangle 392,770 632,836 24,24" \
  -fill '#0f766e' -draw "roundrectangle 490,600 534,724 8,8" -draw "roundrectangle 450,640 574,684 8,8" \
  "$tmp/icon-1024.png"
mkdir -p "$here/icons"
# 8-bit RGBA without time chunks: the files only change when the drawing does.
for size in 512 256; do
  convert "$tmp/icon-1024.png" -resize "${size}x${size}" -depth 8 -strip \
    -define png:exclude-chunks=date,time "PNG32:$here/icons/${size}x${size}.png"
done
cp "$here/icons/512x512.png" "$here/icon.png"
