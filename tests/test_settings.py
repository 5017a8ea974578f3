"""The one Settings object: each option group defined once (in the layer that uses it) and composed
here, unknown ``PLANSVAR_`` variables refused with the closest valid name, defaults relative to the
working directory as the README says."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.engine import Assistant
from assistant.generative import GenerativeAnswerer
from assistant.options import AnswerOptions, LLMOptions
from assistant.settings import Settings, UnknownSetting, setting_names, unknown_settings
from assistant.wiring import build_assistant, build_retriever
from front.cli import main
from index.options import RetrievalOptions
from index.retriever import HybridRetriever
from ingest.options import ChunkingOptions
from ingest.pipeline import ingest_paths

GROUPS = {
    "chunking": ChunkingOptions,
    "retrieval": RetrievalOptions,
    "answer": AnswerOptions,
    "llm": LLMOptions,
}


@pytest.fixture
def clean_environment(monkeypatch):
    """No PLANSVAR_ variable of the developer's shell leaks into these tests."""
    for name in [n for n in os.environ if n.upper().startswith("PLANSVAR_")]:
        monkeypatch.delenv(name)


# -- each group once ---------------------------------------------------------------------------
@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_group_is_the_class_of_the_layer_that_uses_it(group):
    cls = GROUPS[group]
    assert Settings.model_fields[group].annotation is cls
    assert cls.__module__.split(".")[0] == {"chunking": "ingest", "retrieval": "index"}.get(group, "assistant")


@pytest.mark.parametrize(
    ("component", "parameter", "cls"),
    [
        (ingest_paths, "options", ChunkingOptions),
        (HybridRetriever.__init__, "options", RetrievalOptions),
        (Assistant.__init__, "options", AnswerOptions),
        (GenerativeAnswerer.__init__, "options", LLMOptions),
    ],
)
def test_components_take_the_group_itself_with_its_own_defaults(component, parameter, cls):
    default = inspect.signature(component).parameters[parameter].default
    assert type(default) is cls and default == cls()


def test_no_group_repeats_another_groups_fields():
    """A mirror class (the same fields with their own defaults) would show up as shared field names."""
    seen: dict[str, str] = {}
    for group, cls in GROUPS.items():
        for name in cls.model_fields:
            assert name not in seen, f"{group}.{name} repeats {seen[name]}.{name}"
            seen[name] = group


def test_the_wiring_hands_each_group_over_unchanged(make_settings):
    settings = make_settings(embedder="hashing", retrieval={"top_k": 3}, answer={"passages": 5})
    retriever = build_retriever(settings)
    assistant = build_assistant(settings, retriever)
    assert retriever.options is settings.retrieval and retriever.options.top_k == 3
    assert assistant.options is settings.answer and assistant.options.passages == 5


def test_a_variable_reaches_its_group(clean_environment, monkeypatch):
    monkeypatch.setenv("PLANSVAR_RETRIEVAL__LEAD_IN_WITHIN", "2")
    monkeypatch.setenv("PLANSVAR_ANSWER__RELATIVE_FLOOR", "0.5")
    monkeypatch.setenv("PLANSVAR_CHUNKING__TARGET_TOKENS", "200")
    settings = Settings()
    assert settings.retrieval.lead_in_within == 2
    assert settings.answer.relative_floor == 0.5
    assert settings.chunking == ChunkingOptions(target_tokens=200)


def test_groups_are_frozen():
    options = RetrievalOptions()
    with pytest.raises(ValueError, match="frozen"):
        options.top_k = 9


# -- unknown variables -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("variable", "closest"),
    [
        ("PLANSVAR_RETRIEVAL__TOPK", "PLANSVAR_RETRIEVAL__TOP_K"),
        ("PLANSVAR_DATADIR", "PLANSVAR_DATA_DIR"),
        ("PLANSVAR_LLM_MODEL", "PLANSVAR_LLM__MODEL"),  # one underscore where the group needs two
        ("plansvar_answer__passage", "PLANSVAR_ANSWER__PASSAGES"),  # the environment is read in any case
        ("PLANSVAR_API__RATE_LIMIT", "PLANSVAR_API__RATE_LIMIT_PER_MINUTE"),
    ],
)
def test_a_mistyped_variable_fails_naming_it_and_the_closest_name(clean_environment, monkeypatch, variable, closest):
    monkeypatch.setenv(variable, "3")
    with pytest.raises(UnknownSetting) as e:
        Settings()
    assert f"unknown setting in the environment: {variable}" in str(e.value)
    assert f"did you mean {closest}?" in str(e.value)


def test_a_variable_far_from_every_setting_points_to_the_readme(clean_environment, monkeypatch):
    monkeypatch.setenv("PLANSVAR_COLOUR", "blue")
    with pytest.raises(UnknownSetting, match=r"PLANSVAR_COLOUR; the settings are listed in README.md"):
        Settings()


def test_several_unknown_variables_are_all_named(clean_environment, monkeypatch):
    monkeypatch.setenv("PLANSVAR_PORTT", "1")
    monkeypatch.setenv("PLANSVAR_HOSTT", "x")
    with pytest.raises(UnknownSetting, match=r"PLANSVAR_HOSTT \(and 1 more: PLANSVAR_PORTT\)"):
        Settings()


def test_every_setting_and_every_group_is_a_known_name():
    environ = dict.fromkeys(setting_names(Settings), "")
    assert unknown_settings(environ, Settings) == []
    assert "PLANSVAR_RETRIEVAL" in environ and "PLANSVAR_RETRIEVAL__TOP_K" in environ
    assert unknown_settings({"HOME": "/root", "PLANSVARX": "1", "MY_PLANSVAR_X": "1"}, Settings) == []


def test_a_group_given_as_json_is_accepted(clean_environment, monkeypatch):
    monkeypatch.setenv("PLANSVAR_RETRIEVAL", '{"top_k": 7}')
    assert Settings().retrieval.top_k == 7


def test_the_cli_reports_an_unknown_variable_in_one_line(clean_environment, monkeypatch, capsys):
    monkeypatch.setenv("PLANSVAR_EMBEDER", "hashing")
    assert main(["docs"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "plansvar: error: unknown setting in the environment: PLANSVAR_EMBEDER; did you mean PLANSVAR_EMBEDDER?"
    )


# -- defaults relative to the working directory ------------------------------------------------
def test_data_and_corpus_dirs_default_to_the_working_directory(clean_environment, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.data_dir.resolve() == tmp_path / "var"
    assert settings.corpus_dir.resolve() == tmp_path / "data" / "plans"
    assert settings.chroma_path.resolve() == tmp_path / "var" / "chroma"


def test_the_readme_states_those_defaults():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "| `PLANSVAR_DATA_DIR` | `./var` |" in readme
    assert "| `PLANSVAR_CORPUS_DIR` | `./data/plans` |" in readme


def test_option_groups_describe_every_field():
    for cls in GROUPS.values():
        assert issubclass(cls, BaseModel)
        assert all(f.description for f in cls.model_fields.values()), cls.__name__
