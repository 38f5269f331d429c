"""environment.yml (Binder, conda) stays a valid conda file and lists the same runtime packages
as pyproject.toml's [project] dependencies. No network: nothing is resolved or installed.
Where repo2docker is installed, its dry run (--no-build) must pick environment.yml."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="pyyaml (a dev extra) reads environment.yml")
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli", reason="Python 3.10 needs tomli to read pyproject")

ROOT = Path(__file__).resolve().parents[1]
ENV_FILE = ROOT / "environment.yml"
# conda packages that environment.yml needs although pyproject.toml does not list them
CONDA_ONLY = {"python", "pip"}
SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$")


def normalize(name):
    """PEP 503 name normalisation: case and runs of -_. do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def split_spec(spec):
    """'numpy>=1.24' -> ('numpy', '>=1.24'); 'python=3.11' -> ('python', '=3.11')."""
    name, version = SPEC.match(spec.split(";")[0].split("#")[0]).groups()
    return normalize(name.split("[")[0]), version.replace(" ", "")


@pytest.fixture(scope="module")
def env():
    assert ENV_FILE.exists(), "environment.yml is missing at the repository root (Binder needs it)"
    data = yaml.safe_load(ENV_FILE.read_text())
    assert isinstance(data, dict), f"environment.yml must be a mapping, got {type(data).__name__}"
    return data


@pytest.fixture(scope="module")
def conda_specs(env):
    return [d for d in env["dependencies"] if isinstance(d, str)]


@pytest.fixture(scope="module")
def pip_section(env):
    sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(sections) <= 1, "environment.yml has more than one pip: section"
    return sections[0] if sections else []


@pytest.fixture(scope="module")
def project_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(split_spec(spec) for spec in project["dependencies"])


def test_shape(env):
    unknown = set(env) - {"name", "channels", "dependencies", "prefix", "variables"}
    assert not unknown, f"unknown top-level keys in environment.yml: {sorted(unknown)}"
    assert env.get("channels") == ["conda-forge"], (
        f"channels must be exactly [conda-forge] (the defaults channel has licence terms and "
        f"older builds); got {env.get('channels')}")
    deps = env.get("dependencies")
    assert isinstance(deps, list) and deps, "'dependencies' must be a non-empty list"
    odd = [d for d in deps
           if not isinstance(d, str) and not (isinstance(d, dict) and set(d) == {"pip"})]
    assert not odd, f"dependencies may only hold strings and one {{pip: [...]}}; got {odd}"


def test_python_is_pinned_to_311(conda_specs):
    pythons = [s for s in conda_specs if split_spec(s)[0] == "python"]
    assert pythons, "pin python in environment.yml (python=3.11), or Binder picks its default"
    assert split_spec(pythons[0])[1] in ("=3.11", "==3.11", "=3.11.*"), pythons


def test_pip_section_installs_this_package_and_pip_is_listed(conda_specs, pip_section):
    assert "pip" in {split_spec(s)[0] for s in conda_specs}, (
        "a pip: section needs 'pip' among the conda dependencies")
    entries = [str(e).strip() for e in pip_section]
    assert entries == ["-e ."], (
        f"the pip: section should hold exactly '-e .' (nn_helpers from this folder; conda runs "
        f"pip in the environment file's folder); got {entries}")
    assert (ENV_FILE.parent / "pyproject.toml").exists()


def drift(pyproject_specs, conda_specs):
    """(only in pyproject, only in environment.yml): sorted normalised package names."""
    ours = {split_spec(s)[0] for s in pyproject_specs}
    conda = {split_spec(s)[0] for s in conda_specs} - CONDA_ONLY
    return sorted(ours - conda), sorted(conda - ours)


def test_same_packages_as_pyproject(conda_specs):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    only_pyproject, only_conda = drift(project["dependencies"], conda_specs)
    assert not only_pyproject and not only_conda, (
        "environment.yml and pyproject.toml [project] dependencies drifted apart:\n"
        f"  only in pyproject.toml: {only_pyproject}\n  only in environment.yml: {only_conda}\n"
        "Add or remove the package in both files.")


def test_same_lower_bounds_as_pyproject(conda_specs, project_dependencies):
    conda = dict(split_spec(s) for s in conda_specs)
    differ = {name: (project_dependencies[name], conda[name]) for name in project_dependencies
              if name in conda and conda[name] and conda[name] != project_dependencies[name]}
    assert not differ, f"version bounds differ (pyproject, environment.yml): {differ}"


def test_drift_is_detected():
    """The comparison can fail: a package missing on either side is reported, while spelling
    (case, -_.) and conda-only entries (python, pip) are not drift."""
    ours = ["numpy>=1.24", "ipympl>=0.9", "Jupyter_Lab>=4", "tqdm"]
    assert drift(ours, ["python=3.11", "pip", "NumPy>=1.24", "ipympl", "jupyter-lab",
                        "tqdm"]) == ([], [])
    assert drift(ours, ["numpy", "ipympl", "jupyterlab", "scipy"]) == (
        ["jupyter-lab", "tqdm"], ["jupyterlab", "scipy"])


def _repo2docker():
    return shutil.which("repo2docker") or shutil.which(
        "repo2docker", path=str(Path(sys.executable).parent))


def test_repo2docker_picks_environment_yml():
    exe = _repo2docker()
    if exe is None:
        pytest.skip("repo2docker is not installed (pip install jupyter-repo2docker to run this)")
    result = subprocess.run(
        [exe, "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", "."],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Building conda environment for python=3.11" in output, output[:2000]
    assert re.search(r'env update .*--file "environment\.yml"', output), (
        "repo2docker did not install from environment.yml:\n" + output[-3000:])
