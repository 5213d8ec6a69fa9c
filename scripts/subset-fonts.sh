#!/bin/sh
# Subsets KERN UX's Fira Sans (SIL Open Font License 1.1, see app/styles/fonts/OFL.txt) to the
# characters of our languages — Latin with Latin-1 and Latin Extended-A/B (German, English,
# Turkish), Cyrillic (Ukrainian, Russian), general punctuation, € and a few symbols — and
# to the weights KERN and our CSS use (400, 500, 600, 700; no italics). Arabic is not in Fira
# Sans: Arabic text uses the system's Arabic-capable sans-serif, as before.
# Run once when KERN's fonts change; the output is committed (no font tool at runtime):
#   pip install fonttools brotli && sh scripts/subset-fonts.sh
set -e
SRC=node_modules/@kern-ux/native/dist/fonts/fira-sans
OUT=app/styles/fonts
UNICODES="U+0000-024F,U+0259,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0308,U+0400-04FF,U+1E9E,U+2000-206F,U+20AC,U+20B4,U+20BA,U+20BD,U+2116,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
for weight in Regular Medium SemiBold Bold; do
  pyftsubset "$SRC/FiraSans-$weight.woff2" --unicodes="$UNICODES" \
    --flavor=woff2 --output-file="$OUT/FiraSans-$weight-subset.woff2"
done
ls -l "$OUT"
