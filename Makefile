# Every target sets up what it needs: a fresh clone runs `make extract` or `make test` directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make extract` installs what extraction needs; the tests add the [dev] extra (notebook, pikepdf, WeasyPrint).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PDFS := $(wildcard samples/*.pdf)
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: extract test bench clean ocr-deps render-deps golden snapshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

extract: $(STAMP)
	$(BIN)/workplan extract $(PDFS) --out outputs

test: $(DEV_STAMP) ocr-deps render-deps
	$(BIN)/python -m pytest

# OCR of scanned pages needs tesseract with its Georgian model (Debian: tesseract-ocr-kat).
ocr-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx kat; then :; else \
	  echo "installing tesseract-ocr with Georgian (for OCR of scanned pages)"; \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-kat tesseract-ocr-eng >/dev/null) \
	  || echo "warning: tesseract-ocr-kat could not be installed: scanned PDFs cannot be read, and the OCR test is skipped"; \
	fi

# The layout property tests render workplans with WeasyPrint (Pango and the DejaVu fonts) and with
# headless Chromium (Skia/PDF, as Chrome and Google Docs write PDFs); the Word route writes .docx
# files that LibreOffice converts.
render-deps:
	@if fc-list 2>/dev/null | grep -q "DejaVu Sans" && ldconfig -p 2>/dev/null | grep -q libpangoft2; then :; else \
	  echo "installing Pango and DejaVu fonts (for the layout property test)"; \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra fontconfig >/dev/null) \
	  || echo "warning: Pango or the DejaVu fonts could not be installed: the layout property test is skipped"; \
	fi
	@if command -v chromium >/dev/null; then :; else \
	  echo "installing Chromium (for the layouts as Chromium writes them)"; \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: Chromium could not be installed: the Chromium layout test is skipped"; \
	fi
	@if command -v soffice >/dev/null; then :; else \
	  echo "installing LibreOffice Writer (for editions written in Word)"; \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libreoffice-writer-nogui >/dev/null) \
	  || echo "warning: LibreOffice could not be installed: the Word route test is skipped"; \
	fi

clean:
	rm -rf $(VENV) outputs/*/ outputs/csv

# The scan figures make scanned copies with pikepdf (the [dev] extra) and read them with tesseract.
bench: $(DEV_STAMP) ocr-deps
	$(BIN)/python -m workplan.bench
	$(BIN)/python -m workplan.accuracy

# Regenerate the golden files of the sample; review `git diff tests/fixtures/golden` before committing.
golden: $(DEV_STAMP)
	$(BIN)/python -m workplan.golden

# Digests of every rendering's tables on both engines: rewrite them only when a change means to alter tables.
snapshot: $(DEV_STAMP) ocr-deps
	$(BIN)/python -m workplan.snapshot
