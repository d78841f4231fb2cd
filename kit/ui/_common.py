"""The old name of `kit.ui.parts`, kept while other branches still import from it. After
they are merged: `git rm` this file, then `grep -rl 'kit.ui._common' kit tests bench | xargs
sed -i 's/kit[.]ui[.]_common/kit.ui.parts/g'` and `ruff check --fix --select I kit tests
bench` (the imports' order)."""

from kit.ui.parts import *  # noqa: F403
from kit.ui.parts import _ESM as _ESM
from kit.ui.parts import _NOTHING as _NOTHING
from kit.ui.parts import __all__ as __all__
from kit.ui.parts import _Tiny as _Tiny
