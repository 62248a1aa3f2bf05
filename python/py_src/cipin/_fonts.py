"""Chinese characters in matplotlib charts (and word clouds)."""

from __future__ import annotations

import importlib
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

#: Python packages that ship a Simplified Chinese font file, tried when no
#: font of :data:`CJK_FONTS` is installed: ``(module, function returning the
#: file's path)``. ``pip install "cipin[plots]"`` installs the first
#: (Noto Sans SC Regular, SIL Open Font License 1.1, 8 MB).
PIP_FONTS = (("pylopdf_fonts_zh_cn", "sans_path"),)

_INSTALL_HINT = (
    'pip install "cipin[plots]" (it brings Noto Sans SC, which cipin finds by itself), '
    "or a system font (Debian/Ubuntu: apt-get install fonts-noto-cjk; conda: "
    "conda install -c conda-forge font-ttf-noto-cjk, then delete matplotlib's font "
    "cache, ~/.cache/matplotlib, and restart the kernel)"
)


def pip_font_path() -> Optional[str]:
    """The path of the font file of the first installed package of
    :data:`PIP_FONTS`, or ``None``.

    Examples
    --------
    >>> from cipin._fonts import pip_font_path
    >>> pip_font_path() is None or pip_font_path().endswith((".otf", ".ttf"))
    True
    """
    for module, function in PIP_FONTS:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        path = str(getattr(mod, function)())
        return path
    return None


def _select(name: str) -> None:
    import matplotlib

    rc = matplotlib.rcParams
    rc["font.sans-serif"] = [name, *[f for f in rc["font.sans-serif"] if f != name]]
    rc["font.family"] = "sans-serif"
    rc["axes.unicode_minus"] = False


def use_cjk_font() -> Optional[str]:
    """Make matplotlib draw Chinese characters instead of empty boxes.

    Finds the first installed font of :data:`CJK_FONTS`, or else the font
    file of a Python package of :data:`PIP_FONTS` (``pip install
    "cipin[plots]"`` brings one, so no system font is needed), registers it
    with matplotlib, puts it first in ``rcParams["font.sans-serif"]`` and
    makes sans-serif the default family. Returns its name, or ``None`` (with a
    warning saying what to install) when there is none.

    The charts of :mod:`cipin.plot` call it themselves.

    Examples
    --------
    >>> import cipin
    >>> cipin.use_cjk_font() in (None, *cipin._fonts.CJK_FONTS)
    True
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            _select(name)
            return name
    path = pip_font_path()
    if path is not None:
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
        _select(name)
        return name
    warnings.warn(
        "no CJK font found: charts will show boxes instead of Chinese characters. "
        "Install one: " + _INSTALL_HINT + ".",
        stacklevel=2,
    )
    return None


def cjk_font_path() -> Optional[str]:
    """The file of the font :func:`use_cjk_font` picks (and it is picked), for
    libraries that take a font file rather than a name (``wordcloud``,
    Pillow); ``None`` (with :func:`use_cjk_font`'s warning) when there is none.

    Examples
    --------
    >>> import cipin
    >>> path = cipin.cjk_font_path()
    >>> path is None or path.lower().endswith((".otf", ".ttf", ".ttc", ".otc"))
    True
    """
    from matplotlib import font_manager

    name = use_cjk_font()
    if name is None:
        return None
    return str(
        font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    )
