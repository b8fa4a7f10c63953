"""Red-seal detection on a page image.

A 公章 is a red ring (round, sometimes oval) about 4 cm across. The detector looks for red
pixels (HSV H 0–10 ∪ 160–180, S>70, V>50) and for one large, roughly round red blob. It only
says "absent" when the image carries colour: a greyscale scan or photocopy has lost the red,
so the answer there is "unknown", never "absent".

`red_mask` is shared with the OCR reader, which paints the seal white before reading text.
"""

from __future__ import annotations

import math
from typing import Literal

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# OpenCV's own thread pool is never started (0: every function runs in the calling thread).
# The readers fork (the OCR helper, the reader pool); a fork taken while a pool thread holds
# the pool's lock leaves the child waiting on it for good — seen under the test suite: an OCR
# helper stuck in cv2 until the parent gave up on it 300 s later.
cv2.setNumThreads(0)

SealState = Literal["present", "absent", "unknown"]

# Channel spread (max-min of R,G,B) that counts as "coloured". JPEG noise on a grey page
# stays below it; red ink, and the tint of a colour scan's paper, go well above.
_COLOUR_SPREAD = 6
# Share of pixels that must show colour before the image counts as a colour image at all.
_MIN_COLOUR_SHARE = 0.002
# A seal is at least this share of the page's shorter side across (a 4 cm seal on A4 is ~19 %;
# cropped photos make it bigger, thumbnails of whole pages smaller).
_MIN_SEAL_SIDE = 0.06
_MIN_RED_SHARE_IN_SEAL = 0.03


def to_rgb_array(image: Image.Image | NDArray[np.uint8]) -> NDArray[np.uint8] | None:
    """RGB uint8 array of `image`, or None when the image has no colour channels (L, 1, LA,
    I, F modes or a 2-D array): the caller must then treat colour as unknown."""
    if isinstance(image, Image.Image):
        if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV"):
            return None
        return np.asarray(image.convert("RGB"), dtype=np.uint8)
    arr = np.asarray(image)
    if arr.ndim != 3 or arr.shape[2] < 3:
        return None
    return np.ascontiguousarray(arr[:, :, :3], dtype=np.uint8)


def red_mask(rgb: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """True where a pixel is seal red (HSV H 0–10 ∪ 160–180, S>70, V>50 in OpenCV units)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    return ((h <= 10) | (h >= 160)) & (s > 70) & (v > 50)


def has_colour(rgb: NDArray[np.uint8]) -> bool:
    """True when the image carries colour information (not a greyscale image stored as RGB)."""
    # Subsample: colour is a property of the whole page, a quarter of the pixels decide it.
    sample = rgb[::2, ::2].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return float(np.mean(spread > _COLOUR_SPREAD)) >= _MIN_COLOUR_SHARE


def find_seal_box(rgb: NDArray[np.uint8]) -> tuple[int, int, int, int] | None:
    """Bounding box (x, y, w, h) of the largest round red blob that looks like a seal, or None."""
    mask = red_mask(rgb).astype(np.uint8) * 255
    height, width = mask.shape
    short = min(height, width)
    # Close the gaps between the ring, the star and the characters so a seal is one blob.
    k = max(3, int(short * 0.012)) | 1
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best: tuple[int, int, int, int] | None = None
    best_area = 0.0
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < _MIN_SEAL_SIDE * short:
            continue
        aspect = w / h
        if not 0.6 <= aspect <= 1.67:  # round or oval, not a red rule or a red title line
            continue
        hull = cv2.convexHull(contour)
        hull_area = float(cv2.contourArea(hull))
        (_, _), radius = cv2.minEnclosingCircle(contour)
        # An ellipse fills pi/4 of its box; a circle's hull fills its enclosing circle.
        fill = hull_area / (w * h)
        if fill < 0.55 or hull_area / (math.pi * radius * radius) < 0.35:
            continue
        red_share = float(np.count_nonzero(mask[y:y + h, x:x + w])) / (w * h)
        if red_share < _MIN_RED_SHARE_IN_SEAL:
            continue
        if hull_area > best_area:
            best, best_area = (x, y, w, h), hull_area
    return best


def _downscale(rgb: NDArray[np.uint8], short_side: int = 800) -> NDArray[np.uint8]:
    """A smaller copy for detection: a seal stays dozens of pixels wide, and the work drops
    roughly with the square of the scale."""
    short = min(rgb.shape[0], rgb.shape[1])
    if short <= short_side:
        return rgb
    f = short_side / short
    size = (max(1, round(rgb.shape[1] * f)), max(1, round(rgb.shape[0] * f)))
    return np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def detect_seal(image: Image.Image | NDArray[np.uint8], *, colour_known: bool = False) -> SealState:
    """"present" when a seal-like red blob is found; "absent" when the image has colour but no
    such blob; "unknown" when the image carries no colour (greyscale scan, photocopy).

    `colour_known=True` says the image was rendered from vector content, whose colours are
    exact: a page without any colour then really has no red seal ("absent")."""
    rgb = to_rgb_array(image)
    if rgb is None or rgb.size == 0:
        return "unknown"
    rgb = _downscale(rgb)
    if find_seal_box(rgb) is not None:
        return "present"
    if not colour_known and not has_colour(rgb):
        return "unknown"
    return "absent"


def combine_seal_states(states: list[SealState]) -> SealState:
    """One state for a document from its pages: any page with a seal wins; otherwise "absent"
    only when some page could have shown one; otherwise "unknown"."""
    if "present" in states:
        return "present"
    if "absent" in states:
        return "absent"
    return "unknown"
