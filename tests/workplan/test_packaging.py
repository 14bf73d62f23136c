"""What `pip install .` puts into site-packages: the stages live inside the `workplan` namespace."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    for name in ("workplan", "extract", "normalize"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    str(source), "--wheel-dir", str(tmp_path / "dist")], check=True, capture_output=True)
    return next((tmp_path / "dist").glob("workplan-*.whl"))


def test_the_wheel_installs_only_the_workplan_namespace(tmp_path):
    with zipfile.ZipFile(build_wheel(tmp_path)) as wheel:
        names = wheel.namelist()
        entry_points = wheel.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    top_level = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(".dist-info")}
    assert top_level == {"workplan"}
    assert "workplan/extract/pdf_lines.py" in names
    assert "workplan/normalize/data/organizations.csv" in names
    assert "workplan/extract/data/markers_ka.yaml" in names
    assert "workplan/py.typed" in names
    assert "workplan/normalize/data/objectives_ka.yaml" in names
    assert any(name.endswith(".dist-info/LICENSE") for name in names)  # MIT, as in the repository
    assert "ka = workplan.normalize.georgian:Georgian" in entry_points
    assert "workplan = workplan.cli:main" in entry_points
