"""Alias tables: folding rules, the seeds' alias contract, reports and discovery."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import docs_frame
from corpus_tools.aliases import AliasTable, alias_report, discover_aliases, resolve_aliases
from corpus_tools.config import load_config
from corpus_tools.terms import term_frequencies

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = json.loads((ROOT / "tests" / "seeds_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_table() -> AliasTable:
    return AliasTable.from_config(load_config(SEEDS))


@pytest.fixture(scope="module")
def raw_seed_docs():
    """The seed files' raw text, one doc per file (independent of the loader)."""
    cfg = load_config(SEEDS).to_dict()
    records = [
        {"doc_id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    return docs_frame(records, config=cfg)


# --- folding rules ------------------------------------------------------------


@pytest.mark.parametrize("variant", EXPECTED["aliases"]["variants_in_seeds"])
def test_every_contract_variant_folds_to_the_key(seed_table, variant):
    key = EXPECTED["aliases"]["canonical"]
    assert seed_table.fold(variant) == key
    assert seed_table.fold(f"Members of the {variant}, they said.") == (
        f"Members of the {key}, they said."
    )
    assert seed_table.pattern_for(key).fullmatch(variant)


@pytest.mark.parametrize("text", ["MEKONG", "SMEK", "MEKs", "mek", "Mek", "KhalqMKO", "PMOIX"])
def test_variants_do_not_fold_inside_words_or_in_lower_case(seed_table, text):
    assert seed_table.fold(text) == text


def test_acronym_case_and_dots(seed_table):
    assert seed_table.fold("MeK, M.E.K. and M.e.K") == "MEK, MEK. and MEK"


def test_names_fold_in_any_case_with_hyphen_or_blank(seed_table):
    for text in ["mojahedin-e khalq", "MOJAHEDIN E KHALQ", "Mojahedin -e  Khalq"]:
        assert seed_table.fold(text) == "MEK"


def test_possessives_fold_into_the_key(seed_table):
    assert seed_table.fold("the MKO's cadres") == "the MEK cadres"
    assert seed_table.fold("Masoud Rajavi’s orders") == "Massoud_Rajavi orders"


def test_longest_variant_wins_and_its_parts_are_not_counted_again():
    table = AliasTable.from_dict({"MEK": ["Mojahedin-e Khalq", "Khalq"]})
    docs = docs_frame([{"text": "The Mojahedin-e Khalq and Khalq."}])
    assert table.fold(docs.loc[0, "text"]) == "The MEK and MEK."
    rep = alias_report(docs, table)
    assert dict(zip(rep["variant"], rep["count"], strict=True)) == {
        "Mojahedin-e Khalq": 1,
        "Khalq": 1,
    }


def test_a_variant_may_belong_to_one_key_only():
    with pytest.raises(ValueError, match="one key only"):
        AliasTable.from_dict({"A": ["Alpha Group"], "B": ["alpha group"]})


def test_table_inspection(seed_table):
    assert "MEK" in seed_table.keys
    assert seed_table.variants_of("MEK")[0] == "MEK"
    assert "MKO" in seed_table.variants_of("MEK")
    assert seed_table.key_of("PMOI") == "MEK"
    assert seed_table.key_of("nothing") is None
    with pytest.raises(KeyError):
        seed_table.variants_of("nothing")


def test_ncri_is_kept_apart(seed_table):
    assert seed_table.fold("NCRI") == "NCRI"


# --- resolving the table --------------------------------------------------------


def test_resolve_aliases_sources(tiny_docs):
    assert resolve_aliases(tiny_docs).keys == ["NL"]
    assert resolve_aliases(tiny_docs, False) is None
    assert resolve_aliases(tiny_docs, {"X": ["Ex"]}).keys == ["X"]
    table = AliasTable.from_dict({"Y": ["Why"]})
    assert resolve_aliases(tiny_docs, table) is table
    assert resolve_aliases(docs_frame([{"text": "x"}])) is None
    with pytest.raises(TypeError):
        resolve_aliases(tiny_docs, 3)


def test_table_survives_filtering(tiny_docs):
    subset = tiny_docs[tiny_docs["kind"] == "comment"]
    assert resolve_aliases(subset).keys == ["NL"]


# --- the seeds: fold counts add up ------------------------------------------------


def test_seed_fold_counts_equal_term_counts(raw_seed_docs, seed_table):
    rep = alias_report(raw_seed_docs)
    tf = term_frequencies(raw_seed_docs)
    counts = dict(zip(tf["term"], tf["count"], strict=True))
    for key in seed_table.keys:
        folded = int(rep.loc[rep["key"] == key, "count"].sum())
        assert folded > 0, key
        assert counts.get(key.replace(" ", "_"), 0) == folded, key
    # no spelling of the group is left over after folding
    left = tf[tf["term"].str.contains(r"khalq|mko|pmoi|mojahed|mujah|monaf", case=False)]
    assert left.empty, left.head()


def test_seed_variant_counts_match_an_independent_count(raw_seed_docs):
    """Spellings that never overlap another variant: report == plain regex count."""
    rep = alias_report(raw_seed_docs)
    text = "\n".join(raw_seed_docs["text"])
    mek = rep[rep["key"] == "MEK"].set_index("variant")["count"]
    assert mek["PMOI"] == len(re.findall(r"\bPMOI\b", text))
    assert mek["Monafiqeen"] == len(re.findall(r"\bMonafiqeen\b", text))
    assert mek["M.E.K"] == len(re.findall(r"\bM\.E\.K\b", text))
    # the report's variants are real spellings from the text
    for variant in mek.index:
        assert variant.split()[0] in text


def test_every_contract_variant_is_reported_on_the_seeds(raw_seed_docs):
    rep = alias_report(raw_seed_docs)
    reported = {v.replace("’", "'").lower() for v in rep["variant"]}
    for variant in EXPECTED["aliases"]["variants_in_seeds"]:
        assert variant.replace("’", "'").lower() in reported, variant


def test_alias_report_columns_and_empty(tiny_docs):
    rep = alias_report(tiny_docs)
    assert list(rep.columns) == ["key", "variant", "count", "docs"]
    assert rep["count"].sum() == 5  # NL x2, N.L. x1, Northern League x2
    assert list(alias_report(tiny_docs, False).columns) == ["key", "variant", "count", "docs"]


# --- discovery ----------------------------------------------------------------------


def _seed_docs_without_config():
    ct = pytest.importorskip("corpus_tools")
    if not hasattr(ct, "load_corpus"):
        pytest.skip("load_corpus not available yet")
    docs = ct.load_corpus(SEEDS).docs.copy()
    docs.attrs = {}
    return docs


def test_discover_proposes_the_group_and_the_rajavi_variants():
    docs = _seed_docs_without_config()
    prop = discover_aliases(docs)
    assert list(prop.columns) == ["group", "variant", "count", "rules", "n_evidence", "evidence"]
    mek_group = prop.loc[prop["variant"] == "MKO", "group"].iloc[0]
    members = set(prop.loc[prop["group"] == mek_group, "variant"])
    assert {"MKO", "MEK", "PMOI"} <= members
    assert any(re.fullmatch(r"Mojahedin-e Khalq( Organization)?", m) for m in members)
    rajavi = prop[prop["variant"].isin(["Massoud Rajavi", "Masoud Rajavi"])]
    assert len(rajavi) == 2 and rajavi["group"].nunique() == 1
    assert (prop["count"] > 0).all()
    rows = prop[prop["group"] == mek_group]
    assert (rows["n_evidence"] > 0).all()
    assert rows["evidence"].str.len().gt(0).all()


def test_discover_skips_what_the_table_already_folds(raw_seed_docs):
    prop = discover_aliases(raw_seed_docs)
    assert not prop["variant"].isin(["MKO", "PMOI", "Massoud Rajavi"]).any()


def test_discover_on_tiny_corpus(tiny_docs):
    prop = discover_aliases(tiny_docs, aliases=False)
    nl = prop[prop["group"] == "NL"]
    assert set(nl["variant"]) == {"NL", "Northern League"}
    # counted with the acronym rule: "NL" twice and the dotted "N.L." once
    assert nl.set_index("variant").loc["NL", "count"] == 3


def test_does_not_mutate(tiny_docs):
    before = tiny_docs.copy()
    alias_report(tiny_docs)
    discover_aliases(tiny_docs)
    pd.testing.assert_frame_equal(tiny_docs, before)


# --- properties ------------------------------------------------------------------------

_WORDS = ["MEK", "MKO", "mek", "Khalq", "Mojahedin-e", "Khalq's", "the", "MEKONG", "(", "/", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_fold_is_idempotent_and_counts_match(words):
    table = AliasTable.from_dict({"MEK": ["MKO", "Mojahedin-e Khalq"]})
    text = " ".join(words)
    once = table.fold(text)
    assert table.fold(once) == once
    n_matches = len(table.regex.findall(text))
    assert len(re.findall(r"(?<!\w)MEK(?!\w)", table.fold(text, pad=True))) == n_matches
