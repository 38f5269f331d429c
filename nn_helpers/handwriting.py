# H x W: a drawing of any size (e.g. 280 x 280); 28 x 28: the MNIST frame; 20 x 20: the ink box
"""Turn a digit drawn with the mouse into the kind of image MNIST's networks were trained on.

MNIST's digits were not photographed at 28 x 28: each scanned digit's ink was scaled to fit a
20 x 20 box (keeping its shape), smoothed, and then placed in the 28 x 28 frame so that its
**centre of mass** (the average position of the ink, weighted by how dark it is) sits at the
centre. A network trained on those images expects exactly that, so a drawing must go through
the same steps before the network sees it:

    1. find the ink's bounding box and cut it out;
    2. shrink it so that its longer side is 20 pixels, averaging the pixels it covers;
    3. put it in a 28 x 28 frame with its centre of mass at row 14, column 14 (where the MNIST
       training digits have theirs: measured, see ``tests/test_handwriting.py``).

Every step is a small pure function, so it can be tested and shown on its own.
"""

from __future__ import annotations

import numpy as np

PAD = 280       # the drawing pad's side in screen pixels (ten per MNIST pixel)
BRUSH = 22.0    # the pen's width on the pad: about MNIST's stroke width once shrunk
FRAME = 28      # MNIST images are 28 x 28
BOX = 20        # the ink's longer side after scaling
CENTRE = 14.0   # row and column of the centre of mass of MNIST's digits


def check_strokes(strokes, size=PAD):
    """The strokes as a list of (m, 2) float arrays of (x, y) points on a size x size pad,
    after refusing anything else with the reason (a stroke is a list of [x, y] pairs)."""
    if isinstance(strokes, np.ndarray) or not isinstance(strokes, (list, tuple)):
        raise TypeError("strokes must be a list of strokes, each a list of [x, y] points, e.g. "
                        "[[[140, 40], [140, 240]]] for one vertical line.")
    checked = []
    for number, stroke in enumerate(strokes):
        points = np.asarray(stroke, dtype=float) if len(stroke) else np.zeros((0, 2))
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise ValueError(f"stroke {number} must be a non-empty list of [x, y] points; got "
                             f"shape {points.shape}.")
        if not np.isfinite(points).all() or points.min() < 0 or points.max() > size:
            raise ValueError(f"stroke {number} has a point outside the {size} x {size} pad "
                             f"(coordinates run from 0 to {size}).")
        checked.append(points)
    return checked


def distance_to_segment(px, py, start, end):
    """Distance from every pixel centre (px, py) to the segment start-end: the distance to its
    nearest point, found by projecting onto the segment and clipping to its two ends."""
    d = end - start
    length2 = float(d @ d)
    t = 0.0 if length2 == 0 else np.clip(((px - start[0]) * d[0] + (py - start[1]) * d[1])
                                         / length2, 0.0, 1.0)
    return np.hypot(px - (start[0] + t * d[0]), py - (start[1] + t * d[1]))


def rasterize(strokes, size=PAD, brush=BRUSH):
    """Strokes (lists of [x, y] points, as the drawing pad sends them) -> a (size, size) grey
    image in [0, 1]: full ink within brush/2 of the pen's path, fading to paper over one pixel
    at the edge (so a stroke's edge is smooth, like a scanned pen line)."""
    image = np.zeros((size, size))
    reach = brush / 2 + 1   # no pixel farther than this from the path gets ink
    for points in check_strokes(strokes, size):
        ends = zip(points, points[1:]) if len(points) > 1 else [(points[0], points[0])]
        for start, end in ends:
            # only the pixels in the segment's bounding box can be inked: work on that window
            (x0, y0), (x1, y1) = np.minimum(start, end) - reach, np.maximum(start, end) + reach
            cols = np.arange(max(0, int(x0)), min(size, int(x1) + 1))
            rows = np.arange(max(0, int(y0)), min(size, int(y1) + 1))
            px, py = np.meshgrid(cols + 0.5, rows + 0.5)            # pixel centres
            ink = np.clip(brush / 2 + 0.5 - distance_to_segment(px, py, start, end), 0, 1)
            window = image[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
            np.maximum(window, ink, out=window)
    return image


def check_drawing(image) -> np.ndarray:
    """The drawing as a float array, after refusing what cannot be a drawing: not 2-D, not
    numbers, NaN, values outside [0, 1] (0 = paper, 1 = full ink), or no ink at all."""
    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"a drawing must be a 2-D array of grey levels (rows, columns); got "
                         f"shape {image.shape}. For a flat MNIST row use .reshape(28, 28).")
    if image.dtype.kind not in "biuf":
        raise TypeError(f"a drawing must hold numbers (grey levels), not {image.dtype}.")
    image = image.astype(float)
    if not np.isfinite(image).all():
        raise ValueError("the drawing contains NaN or infinity; grey levels must be numbers "
                         "in [0, 1].")
    if image.min() < 0 or image.max() > 1:
        hint = " Divide by 255 first." if image.max() <= 255 and image.min() >= 0 else ""
        raise ValueError(f"grey levels must be in [0, 1] (0 = paper, 1 = ink); this drawing "
                         f"goes from {image.min():g} to {image.max():g}.{hint}")
    if not image.any():
        raise ValueError("the drawing is empty: draw a digit first.")
    return image


def ink_box(image) -> tuple[slice, slice]:
    """The rows and columns that hold any ink: the smallest rectangle around the digit."""
    rows = np.flatnonzero(image.any(axis=1))
    cols = np.flatnonzero(image.any(axis=0))
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def area_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) matrix R that shrinks (or stretches) a line of n_in pixels to n_out.

    Output pixel i covers the stretch [i s, (i+1) s) of the input, with s = n_in / n_out;
    R[i, j] is the part of input pixel j inside that stretch, divided by s, so each row sums
    to 1 and an output pixel is the average of what it covers (no ink is lost or invented).
    """
    s = n_in / n_out
    starts = np.arange(n_out)[:, None] * s           # (n_out, 1)
    j = np.arange(n_in)[None, :]                      # (1, n_in)
    overlap = np.minimum(starts + s, j + 1) - np.maximum(starts, j)
    return np.clip(overlap, 0, None) / s


def resize(image, shape) -> np.ndarray:
    """Resize a 2-D image to ``shape`` by area averaging: rows, then columns, as two matrix
    products, R_rows @ image @ R_cols.T."""
    rows, cols = shape
    return area_weights(image.shape[0], rows) @ image @ area_weights(image.shape[1], cols).T


def centre_of_mass(image) -> tuple[float, float]:
    """(row, column) of the ink's average position, each pixel weighted by its grey level."""
    total = image.sum()
    rows, cols = np.indices(image.shape)
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def scaled_size(height, width, box=BOX) -> tuple[int, int]:
    """The whole-pixel size of a height x width ink box scaled so that its longer side is
    ``box``, keeping its shape; a side never shrinks below 1 pixel (a thin stroke stays)."""
    scale = box / max(height, width)
    return max(1, round(height * scale)), max(1, round(width * scale))


def fit_in_box(image, box=BOX) -> np.ndarray:
    """Cut out the ink and scale it so its longer side is ``box`` pixels, keeping its shape."""
    ink = image[ink_box(image)]
    return resize(ink, scaled_size(*ink.shape, box))


def place_by_centre_of_mass(ink, frame=FRAME, centre=CENTRE) -> np.ndarray:
    """Put ``ink`` in a frame x frame image so that its centre of mass lands on (centre, centre),
    to the nearest pixel. The shift is limited so that no ink falls off the frame."""
    height, width = ink.shape
    com_row, com_col = centre_of_mass(ink)
    top = int(np.clip(round(centre - com_row), 0, frame - height))
    left = int(np.clip(round(centre - com_col), 0, frame - width))
    out = np.zeros((frame, frame))
    out[top:top + height, left:left + width] = ink
    return out


def mnist_style(image) -> np.ndarray:
    """A drawing (any size, grey levels in [0, 1]) -> the 28 x 28 image an MNIST network
    expects, flattened to one row of 784 pixels: shape (1, 784), ready for ``net.predict``."""
    ink = fit_in_box(check_drawing(image))
    return np.clip(place_by_centre_of_mass(ink), 0.0, 1.0).reshape(1, FRAME * FRAME)


# ------------------------------------------------------------------ ways a digit can differ
# Each takes and returns a 28 x 28 image with grey levels in [0, 1]; notebook 12 applies them
# to MNIST's test digits to show what a network trained on centred digits does with others.
def shift(image, rows, cols) -> np.ndarray:
    """Move the image by whole pixels (down ``rows``, right ``cols``); what leaves is lost."""
    out = np.zeros_like(image)
    height, width = image.shape
    out[max(0, rows):height + min(0, rows), max(0, cols):width + min(0, cols)] = \
        image[max(0, -rows):height - max(0, rows), max(0, -cols):width - max(0, cols)]
    return out


def _neighbours(image):
    """The image and its four copies shifted by one pixel (up, down, left, right)."""
    return np.stack([image] + [shift(image, r, c) for r, c in ((1, 0), (-1, 0), (0, 1), (0, -1))])


def thicker(image) -> np.ndarray:
    """Strokes one pixel wider on every side: each pixel takes the darkest of its neighbours."""
    return _neighbours(image).max(axis=0)


def thinner(image) -> np.ndarray:
    """Strokes one pixel narrower: each pixel takes the lightest of its neighbours."""
    return _neighbours(image).min(axis=0)


def rotate(image, degrees) -> np.ndarray:
    """Turn the image ``degrees`` anticlockwise about its centre. Each output pixel looks up
    where it came from (the inverse rotation) and blends the four pixels around that point
    (bilinear interpolation); points from outside the image are paper."""
    angle = np.deg2rad(degrees)
    height, width = image.shape
    cy, cx = (height - 1) / 2, (width - 1) / 2
    rows, cols = np.indices(image.shape, dtype=float)
    # where did the pixel now at (rows, cols) come from? (y points down, hence the signs)
    src_c = cx + (cols - cx) * np.cos(angle) - (rows - cy) * np.sin(angle)
    src_r = cy + (cols - cx) * np.sin(angle) + (rows - cy) * np.cos(angle)
    r0, c0 = np.floor(src_r).astype(int), np.floor(src_c).astype(int)
    fr, fc = src_r - r0, src_c - c0
    padded = np.pad(image, 1)                  # a ring of paper, so edges read as 0

    def at(r, c):
        inside = (r >= -1) & (r <= height) & (c >= -1) & (c <= width)
        return np.where(inside, padded[np.clip(r + 1, 0, height + 1),
                                       np.clip(c + 1, 0, width + 1)], 0.0)

    return ((1 - fr) * (1 - fc) * at(r0, c0) + (1 - fr) * fc * at(r0, c0 + 1)
            + fr * (1 - fc) * at(r0 + 1, c0) + fr * fc * at(r0 + 1, c0 + 1))


def recentre(image) -> np.ndarray:
    """A 28 x 28 image put through the same steps as a drawing (``mnist_style``), as an image."""
    return mnist_style(image).reshape(FRAME, FRAME)


def tilt_strokes(strokes, degrees, size=PAD):
    """The same strokes turned ``degrees`` anticlockwise (as seen on the pad) about its centre,
    as if the reader had drawn the digit leaning; points pushed off the pad are kept at its edge."""
    angle = np.deg2rad(degrees)
    turn = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    centre = size / 2
    return [np.clip((points - centre) @ turn.T + centre, 0, size).tolist()
            for points in check_strokes(strokes, size)]


def _ring(cx, cy, rx, ry, start=0.0, stop=360.0, points=40):
    """Points along an ellipse (a pen going round), angles in degrees, y pointing down."""
    t = np.deg2rad(np.linspace(start, stop, points))
    return np.c_[cx + rx * np.cos(t), cy + ry * np.sin(t)].round(1).tolist()


# Digits drawn as a reader might, as the pad would send them (the notebook and the browser test
# draw these). Strokes are lists of [x, y] points on the 280 x 280 pad.
EXAMPLE_STROKES = {
    "1": [[[150, 40], [135, 240]]],
    "0": [_ring(140, 140, 65, 95)],
    "7": [[[70, 50], [210, 50], [120, 245]]],
    "4": [[[150, 40], [70, 170], [215, 170]], [[175, 95], [175, 250]]],
    "9": [_ring(140, 95, 55, 50, 0, 360), [[195, 95], [180, 250]]],
    "2": [_ring(140, 100, 60, 55, 200, 380, 20) + [[90, 240], [215, 240]]],
    "3": [_ring(135, 85, 55, 45, 220, 450, 25) + _ring(135, 185, 60, 55, 270, 500, 25)],
    "5": [[[200, 45], [95, 45], [85, 130]] + _ring(135, 180, 65, 60, 240, 460, 25)],
}
