"""The command line: every command documented, errors turned into exit codes here only."""
import subprocess

from foi.cli import build_parser, main
from tests.conftest import ROOT


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert _commands() == ["bench", "ingest", "serve", "synth", "train"]
    for name in _commands():
        assert f"foi {name}" in readme, f"`foi {name}` is not in README.md"


def test_missing_input_folder_is_exit_code_2_with_a_reason(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "input folder not found" in capsys.readouterr().err


def test_output_inside_input_is_refused(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    assert main(["ingest", str(tmp_path / "raw"), "--out", str(tmp_path / "raw" / "out")]) == 2
    assert "must not be inside the input folder" in capsys.readouterr().err


def test_subcommands_with_their_own_options_are_passed_through():
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "foi"), "train", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "--evaluate" in proc.stdout
