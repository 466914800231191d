"""The app's two Teams icons, drawn with Pillow: a compass rose inside a shield.

Teams wants a full-colour icon (192×192) and an outline icon (32×32, white on a
transparent background). Both are drawn here from the same geometry, so the
package never carries a downloaded or hand-edited image. Drawing is
deterministic: the same Pillow gives the same bytes.

Run ``python -m manifest.icons DIR`` to write ``color.png`` and ``outline.png``
into DIR, e.g. to look at them.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

__all__ = [
    "COLOR_SIZE",
    "GOLD",
    "OUTLINE_SIZE",
    "STOCKHOLM_BLUE",
    "color_icon",
    "icon_files",
    "outline_icon",
    "png_bytes",
]

COLOR_SIZE = 192
OUTLINE_SIZE = 32

# A deep blue in the spirit of the city's graphic profile (not its official value),
# also the manifest's accentColor.
STOCKHOLM_BLUE = (0, 75, 135)
GOLD = (245, 190, 40)
WHITE = (255, 255, 255)

Point = tuple[float, float]


def _shield(cx: float, top: float, half_width: float, height: float) -> list[Point]:
    """A heraldic shield: straight top and sides, then two curves meeting at the point."""
    left, right = cx - half_width, cx + half_width
    shoulder = top + height * 0.45
    bottom = top + height
    points: list[Point] = [(left, top), (right, top), (right, shoulder)]
    steps = 24
    # Right flank: quadratic Bézier from the shoulder to the point, bulging outwards.
    ctrl_r = (right, top + height * 0.85)
    for i in range(1, steps + 1):
        t = i / steps
        points.append(_bezier((right, shoulder), ctrl_r, (cx, bottom), t))
    ctrl_l = (left, top + height * 0.85)
    for i in range(1, steps + 1):
        t = i / steps
        points.append(_bezier((cx, bottom), ctrl_l, (left, shoulder), t))
    return points


def _bezier(p0: Point, p1: Point, p2: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
        u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
    )


def _compass(cx: float, cy: float, long: float, short: float, waist: float) -> list[Point]:
    """A four-pointed compass star; north is longer (the strategy points the way)."""
    tips = [(0.0, -long), (short, 0.0), (0.0, short), (-short, 0.0)]  # N, E, S, W
    points: list[Point] = []
    for i, (tx, ty) in enumerate(tips):
        points.append((cx + tx, cy + ty))
        # The notch between this tip and the next, on the diagonal.
        angle = math.radians(-45 + 90 * i)
        points.append((cx + waist * math.cos(angle), cy + waist * math.sin(angle)))
    return points


def color_icon() -> Image.Image:
    """192×192, opaque: a white shield on Stockholm blue, a blue compass, a gold centre."""
    scale = 4  # draw large, then downsample: smooth edges without an anti-aliasing API
    size = COLOR_SIZE * scale
    img = Image.new("RGB", (size, size), STOCKHOLM_BLUE)
    draw = ImageDraw.Draw(img)
    s = size / COLOR_SIZE
    draw.polygon(_shield(96 * s, 34 * s, 50 * s, 128 * s), fill=WHITE)
    draw.polygon(_compass(96 * s, 92 * s, 44 * s, 30 * s, 9 * s), fill=STOCKHOLM_BLUE)
    r = 7 * s
    draw.ellipse((96 * s - r, 92 * s - r, 96 * s + r, 92 * s + r), fill=GOLD)
    return img.resize((COLOR_SIZE, COLOR_SIZE), Image.Resampling.LANCZOS)


def outline_icon() -> Image.Image:
    """32×32 RGBA: every pixel is opaque white or fully transparent (Teams' outline rule).

    Drawn straight at 32×32 without anti-aliasing, so no grey or half-transparent
    pixels appear: the shield's rim and the compass are white, the rest is clear.
    """
    mask = Image.new("1", (OUTLINE_SIZE, OUTLINE_SIZE), 0)
    draw = ImageDraw.Draw(mask)
    half = OUTLINE_SIZE / 2
    draw.polygon(_shield(half, 2, 13, 28), fill=1)
    draw.polygon(_shield(half, 4, 11, 24), fill=0)
    draw.polygon(_compass(half, 14, 9, 7, 3.5), fill=1)
    # Mirror the left half so that the small shape is exactly symmetric.
    left = mask.crop((0, 0, OUTLINE_SIZE // 2, OUTLINE_SIZE))
    mask.paste(left.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (OUTLINE_SIZE // 2, 0))
    img = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (*WHITE, 0))
    img.paste((*WHITE, 255), mask=mask)
    return img


def png_bytes(img: Image.Image) -> bytes:
    """The image as PNG bytes, without metadata that could vary between runs."""
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def icon_files() -> dict[str, bytes]:
    """The icons as they go into the package: file name → PNG bytes."""
    return {"color.png": png_bytes(color_icon()), "outline.png": png_bytes(outline_icon())}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0] if args else ".")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in icon_files().items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
