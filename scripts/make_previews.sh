#!/usr/bin/env bash
# Regenerate the small PNG previews in docs/ from a fresh build (needs LibreOffice and poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stem=changying-2020-midyear_draft_v1
.venv/bin/reportgen build source/changying-2020-midyear.yaml --out "$tmp" -q
export FONTCONFIG_FILE="$PWD/assets/fontconfig/fonts.conf" HOME="$tmp"
soffice --headless --norestore --convert-to pdf --outdir "$tmp/docx" "$tmp/$stem.docx" >/dev/null 2>&1
soffice --headless --norestore --convert-to pdf --outdir "$tmp/pptx" "$tmp/$stem.pptx" >/dev/null 2>&1
page() {  # page SOURCE_PDF PAGE OUTPUT_NAME [DPI]
  pdftoppm -png -r "${4:-50}" -f "$2" -l "$2" -singlefile "$1" "docs/$3"
}
mkdir -p docs
last=$(pdfinfo "$tmp/docx/$stem.pdf" | awk '/^Pages:/ {print $2}')
appendix=1
for ((n = last; n >= 1; n--)); do
  if pdftotext -f $n -l $n "$tmp/docx/$stem.pdf" - | grep -q 主要名词解释; then appendix=$n; break; fi
done
page "$tmp/docx/$stem.pdf" 1 docx-first-page
page "$tmp/docx/$stem.pdf" 2 docx-body-page
page "$tmp/docx/$stem.pdf" "$appendix" docx-appendix
page "$tmp/$stem.pdf" 1 pdf-cover
page "$tmp/$stem.pdf" 2 pdf-key-figures
page "$tmp/$stem.pdf" 3 pdf-charts
page "$tmp/pptx/$stem.pdf" 1 pptx-title 40
page "$tmp/pptx/$stem.pdf" 4 pptx-content 40
page "$tmp/pptx/$stem.pdf" 10 pptx-chart 40
# A corpus report beside the seed: its DOCX table page and a table slide (the corpus is read, never copied).
corpus="${REPORTGEN_SHARED:-../shared}/corpus/wuxi-2017.md"
if [ -f "$corpus" ]; then
  .venv/bin/reportgen import "$corpus" -o "$tmp/wuxi.yaml" --force 2>/dev/null
  .venv/bin/reportgen build "$tmp/wuxi.yaml" --out "$tmp/wuxi" -q
  soffice --headless --norestore --convert-to pdf --outdir "$tmp/wuxi/docx" "$tmp/wuxi/wuxi-2017_v1.docx" >/dev/null 2>&1
  soffice --headless --norestore --convert-to pdf --outdir "$tmp/wuxi/pptx" "$tmp/wuxi/wuxi-2017_v1.pptx" >/dev/null 2>&1
  first_page() {  # first_page PDF TEXT: the first page holding TEXT
    local total n
    total=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
    for ((n = 1; n <= total; n++)); do
      if pdftotext -f $n -l $n "$1" - | tr -d ' \n' | grep -q "$2"; then echo $n; return; fi
    done
    echo 1
  }
  page "$tmp/wuxi/docx/wuxi-2017_v1.pdf" "$(first_page "$tmp/wuxi/docx/wuxi-2017_v1.pdf" 数据汇总表)" corpus-docx-table
  page "$tmp/wuxi/pptx/wuxi-2017_v1.pdf" "$(first_page "$tmp/wuxi/pptx/wuxi-2017_v1.pdf" 数据汇总表)" corpus-pptx-table 40
  page "$tmp/wuxi/wuxi-2017_v1.pdf" "$(first_page "$tmp/wuxi/wuxi-2017_v1.pdf" 数据汇总表)" corpus-pdf-table
fi
# Whole decks and summaries as contact sheets: the seed's beside a corpus report's (那曲市 2023).
sheet() { .venv/bin/python scripts/contact_sheet.py "$@"; }
sheet "$tmp/pptx/$stem.pdf" docs/deck-seed.png --columns 6 --dpi 12
sheet "$tmp/$stem.pdf" docs/summary-seed.png --columns 5 --dpi 14
corpus="${REPORTGEN_SHARED:-../shared}/corpus/naqu-2023.md"
if [ -f "$corpus" ]; then
  .venv/bin/reportgen import "$corpus" -o "$tmp/naqu.yaml" --force 2>/dev/null
  .venv/bin/reportgen build "$tmp/naqu.yaml" --out "$tmp/naqu" -q 2>/dev/null
  soffice --headless --norestore --convert-to pdf --outdir "$tmp/naqu/pptx" "$tmp/naqu/naqu-2023_v1.pptx" >/dev/null 2>&1
  sheet "$tmp/naqu/pptx/naqu-2023_v1.pdf" docs/deck-corpus.png --columns 6 --dpi 12
  sheet "$tmp/naqu/naqu-2023_v1.pdf" docs/summary-corpus.png --columns 5 --dpi 14
fi
# A corpus report as a new user gets it (济南市 2024: the import's warnings, its key-figure tiles, its first slides).
corpus="${REPORTGEN_SHARED:-../shared}/corpus/jinan-2024.md"
if [ -f "$corpus" ]; then
  .venv/bin/reportgen import "$corpus" -o "$tmp/jinan.yaml" --force 2> docs/jinan-import-warnings.txt || true
  .venv/bin/reportgen build "$tmp/jinan.yaml" --out "$tmp/jinan" -q 2>/dev/null
  soffice --headless --norestore --convert-to pdf --outdir "$tmp/jinan/pptx" "$tmp/jinan/jinan-2024_v1.pptx" >/dev/null 2>&1
  page "$tmp/jinan/jinan-2024_v1.pdf" 2 jinan-tiles 40
  sheet "$tmp/jinan/pptx/jinan-2024_v1.pdf" docs/jinan-first-slides.png --columns 3 --dpi 24 --pages 9
fi
ls -l docs/*.png
