"""The two icons: Teams' sizes, and the outline's white-on-transparent rule."""

from __future__ import annotations

import io

from PIL import Image

from manifest.icons import COLOR_SIZE, OUTLINE_SIZE, icon_files

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WHITE = (255, 255, 255)


def _open(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_both_icons_are_png_files(package_files: dict[str, bytes]) -> None:
    for name in ("color.png", "outline.png"):
        assert package_files[name].startswith(PNG_SIGNATURE), name
        assert _open(package_files[name]).format == "PNG", name


def test_the_colour_icon_is_192_by_192_and_opaque(package_files: dict[str, bytes]) -> None:
    img = _open(package_files["color.png"])
    assert img.size == (COLOR_SIZE, COLOR_SIZE) == (192, 192)
    assert img.mode in ("RGB", "RGBA")
    if img.mode == "RGBA":
        low, _ = img.getchannel("A").getextrema()
        assert low == 255


def test_the_colour_icon_is_a_picture_not_a_flat_square(package_files: dict[str, bytes]) -> None:
    img = _open(package_files["color.png"]).convert("RGB")
    colours = img.getcolors(maxcolors=COLOR_SIZE * COLOR_SIZE) or []
    assert len(colours) > 3
    assert img.getpixel((0, 0)) != img.getpixel((COLOR_SIZE // 2, COLOR_SIZE // 3))


def test_the_outline_icon_is_32_by_32_with_an_alpha_channel(
    package_files: dict[str, bytes],
) -> None:
    img = _open(package_files["outline.png"])
    assert img.size == (OUTLINE_SIZE, OUTLINE_SIZE) == (32, 32)
    assert img.mode == "RGBA"


def test_every_outline_pixel_is_opaque_white_or_fully_transparent(
    package_files: dict[str, bytes],
) -> None:
    img = _open(package_files["outline.png"])
    bad = [
        ((x, y), px)
        for y in range(OUTLINE_SIZE)
        for x in range(OUTLINE_SIZE)
        if (px := img.getpixel((x, y)))[3] not in (0, 255) or (px[3] == 255 and px[:3] != WHITE)
    ]
    assert bad == []


def test_the_outline_has_a_real_transparent_background_and_a_white_mark(
    package_files: dict[str, bytes],
) -> None:
    alpha = _open(package_files["outline.png"]).getchannel("A")
    histogram = alpha.histogram()
    total = OUTLINE_SIZE * OUTLINE_SIZE
    transparent, opaque = histogram[0], histogram[255]
    assert transparent + opaque == total
    assert transparent >= total * 0.4  # the background
    assert opaque >= total * 0.15  # the shield and compass
    for corner in ((0, 0), (OUTLINE_SIZE - 1, 0), (0, OUTLINE_SIZE - 1)):
        assert alpha.getpixel(corner) == 0


def test_the_outline_mark_is_symmetric(package_files: dict[str, bytes]) -> None:
    img = _open(package_files["outline.png"])
    assert img.tobytes() == img.transpose(Image.Transpose.FLIP_LEFT_RIGHT).tobytes()


def test_the_packaged_icons_are_what_the_drawing_script_makes(
    package_files: dict[str, bytes],
) -> None:
    drawn = icon_files()
    assert drawn == icon_files()  # deterministic
    assert package_files["color.png"] == drawn["color.png"]
    assert package_files["outline.png"] == drawn["outline.png"]
