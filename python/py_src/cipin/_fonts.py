"""Chinese characters in matplotlib charts."""

from __future__ import annotations

import warnings
from typing import Optional

#: CJK fonts tried in order: Noto/Source Han (Linux: ``fonts-noto-cjk``),
#: WenQuanYi, then the system fonts of macOS and Windows.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Microsoft YaHei",
    "SimHei",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)


def use_cjk_font() -> Optional[str]:
    """Make matplotlib draw Chinese characters instead of empty boxes.

    Finds the first installed font of :data:`CJK_FONTS`, puts it first in
    ``rcParams["font.sans-serif"]`` and makes sans-serif the default family.
    Returns its name, or ``None`` (with a warning saying what to install) when
    there is none: on Debian/Ubuntu ``apt-get install fonts-noto-cjk``, on
    conda ``conda install -c conda-forge font-ttf-noto-cjk``.

    Examples
    --------
    >>> import cipin
    >>> cipin.use_cjk_font() in (None, *cipin._fonts.CJK_FONTS)  # doctest: +SKIP
    True
    """
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            rc = matplotlib.rcParams
            rc["font.sans-serif"] = [name, *[f for f in rc["font.sans-serif"] if f != name]]
            rc["font.family"] = "sans-serif"
            rc["axes.unicode_minus"] = False
            return name
    warnings.warn(
        "no CJK font found: charts will show boxes instead of Chinese characters. "
        "Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; conda: "
        "conda install -c conda-forge font-ttf-noto-cjk), then delete matplotlib's "
        "font cache (~/.cache/matplotlib) and restart the kernel.",
        stacklevel=2,
    )
    return None
