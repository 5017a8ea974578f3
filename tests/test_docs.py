"""Docs that match the code: every setting is in the README's configuration table, with its default."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from assistant.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _env_names(model: type[BaseModel], prefix: str = "PLANSVAR_") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            names += _env_names(ann, f"{prefix}{name.upper()}__")
        else:
            names.append(f"{prefix}{name.upper()}")
    return names


def test_every_setting_is_documented_in_the_readme():
    missing = [n for n in _env_names(Settings) if f"`{n}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_setting_has_a_description():
    def undocumented(model: type[BaseModel]) -> list[str]:
        out = []
        for name, field in model.model_fields.items():
            ann = field.annotation
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                out += undocumented(ann)
            elif not field.description:
                out.append(name)
        return out

    assert not undocumented(Settings)


def test_readme_names_the_two_commands():
    assert "make run" in README and "make test" in README
