"""The evaluation report as text for the terminal (the JSON form is ``Scores.to_dict``)."""

from __future__ import annotations

from polybius.evaluate.scoring import Scores


def render(scores: Scores) -> str:
    d = scores.to_dict()
    micro = d["micro"]
    lines = [
        f"gold: {d['format']} ({d['scheme']} labels), {d['sentences']} sentences, {d['gold_events']} gold events,"
        f" {d['coded_events']} coded events",
        f"primary-event accuracy   {d['primary_accuracy']:.3f}",
        f"macro-F1                 {d['macro_f1']:.3f}",
        f"micro P / R / F1         {micro['precision']:.3f} / {micro['recall']:.3f} / {micro['f1']:.3f}",
        f"gold events matched      {d['any_match_share']:.3f}",
        f"source / target match    {d['source_match']:.3f} / {d['target_match']:.3f}",
        f"gold codes produced      {d['source_codes_found']:.3f} sources / {d['target_codes_found']:.3f} targets",
        f"correct / uncoded / extra {d['triple']['correct']} / {d['triple']['uncoded']} / {d['triple']['extra']}",
        "",
        f"{'label':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for label, c in d["labels"].items():
        lines.append(
            f"{label:14} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['tp']:5} {c['fp']:5} {c['fn']:5}"
        )
    lines += ["", "confusion (gold label → primary coded label: count)"]
    for row in sorted(d["confusion"], key=lambda r: -r["count"])[:40]:
        lines.append(f"  {row['gold']:12} → {row['coded']:12} {row['count']}")
    for error in d["errors"]:
        lines += ["", f"[{error['id']}] {error['sentence']}", "  gold:  " + " | ".join(error["gold"] or ["(none)"])]
        lines += ["  coded: " + " | ".join(error["coded"] or ["(none)"])]
    return "\n".join(lines)
