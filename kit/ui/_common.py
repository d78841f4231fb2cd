"""The old name of `kit.ui.parts`, kept while other branches still import from it. After
they are merged: `sed -i 's/kit[.]ui[.]_common/kit.ui.parts/g'` over the files that name
it (`grep -rl 'kit.ui._common' kit tests bench`), then this file goes."""

from kit.ui.parts import *  # noqa: F403
from kit.ui.parts import _ESM as _ESM
from kit.ui.parts import _NOTHING as _NOTHING
from kit.ui.parts import __all__ as __all__
from kit.ui.parts import _Tiny as _Tiny
