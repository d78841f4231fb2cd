"""Under nbval, the notebooks' kernels use a throw-away store, never the user's own."""

import os
import tempfile

os.environ["KIT_HOME"] = tempfile.mkdtemp(prefix="kit-nbval-")
os.environ.pop("KIT_DATABASE_URL", None)
