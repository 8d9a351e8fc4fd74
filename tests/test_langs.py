"""Language identification: the English fast path must not swallow other languages."""

from __future__ import annotations

import pytest

from corpus_tools.langs import detect_language, detect_languages


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Takht Ravanchi highlighted that 17,161 Iranian citizens, including late president "
         "Mohammad Ali Rajayee, former Prime Minister Mohammad Javad Bahonar, were killed.", "en"),
        ("El presidente de la república anunció el martes que el gobierno aprobará la reforma.", "es"),
        ("Le président de la République a annoncé mardi que le gouvernement adoptera la réforme.", "fr"),
        ("Der Präsident hat am Dienstag angekündigt, dass die Regierung die Reform umsetzen wird.", "de"),
        ("De president heeft dinsdag aangekondigd dat de regering de hervorming zal invoeren.", "nl"),
        ("دادگاه روز یکشنبه دستور آزادی چهار روزنامه‌نگار را صادر کرد که دو ماه در بازداشت بودند.", "fa"),
        ("أمرت المحكمة يوم الأحد بالإفراج عن أربعة صحفيين كانوا محتجزين منذ شهرين دون تهمة.", "ar"),
    ],
)  # fmt: skip
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_short_texts_take_the_corpus_language_unless_their_script_differs():
    texts = ["The court ruled on the case brought by the families of the victims.", "ok!", "گفتگو چگونه پیش رفت؟"]
    assert detect_languages(texts) == ["en", "en", "fa"]


def test_a_short_line_in_a_one_language_corpus_takes_that_language_without_the_model(monkeypatch):
    import py3langid

    def refuse(_text):
        raise AssertionError("the classifier should not be needed here")

    monkeypatch.setattr(py3langid, "classify", refuse)
    long_en = "The court ruled on the case brought by the families of the victims."
    texts = [long_en] * 9 + ["President Donald Trump assumed office in 2017."]
    assert detect_languages(texts) == ["en"] * 10


def test_a_short_text_in_a_mixed_corpus_is_still_classified():
    en = "The court ruled on the case brought by the families of the victims."
    es = "El presidente de la república anunció el martes que el gobierno aprobará la reforma."
    texts = [en, en, es, es, "Muchas gracias por el artículo, muy interesante de verdad."]
    assert detect_languages(texts)[-1] == "es"
