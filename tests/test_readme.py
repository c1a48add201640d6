"""The README's commands are the ones that work: CI runs its test command, and its examples run."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
BIN = str(Path(sys.executable).parent)  # where the `kg` console script is installed


def test_readme_opens_with_the_two_fresh_machine_commands():
    first, second = BLOCKS[0].strip(), BLOCKS[1].strip()
    assert README.index("```bash") < README.index("## ")
    assert first.endswith("kg demo") and "pip install" in first
    assert second.endswith("pytest -q") and "'.[test]'" in second


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert BLOCKS[1].strip() in ci.splitlines()


def kg_examples() -> list[str]:
    """The `kg …` lines of the README's usage block (except `kg serve`, which never returns)."""
    usage = next(b for b in BLOCKS if "kg build" in b)
    return [line for line in usage.splitlines() if line.startswith("kg ") and "kg serve" not in line]


def test_usage_examples_run(tmp_path):
    """`kg build`, `kg query`, `kg extract`, `kg eval` exactly as the README shows them, in bash."""
    examples = kg_examples()
    assert [line.split()[1] for line in examples] == ["build", "query", "extract", "eval"]
    (tmp_path / "kg").symlink_to(ROOT / "kg", target_is_directory=True)  # README paths are repo-relative
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path)}
    outputs = []
    for line in examples:
        run = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 0, (line, run.stderr[-2000:])
        outputs.append(run.stdout)
    assert "郴政办发〔2018〕18号" in outputs[1]
    assert re.search(r"^policies\s+[01]\.\d+", outputs[3], flags=re.M)
