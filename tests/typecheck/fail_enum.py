# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes with enums: each `# E` line must be rejected."""

from __future__ import annotations

from typing import ClassVar

from tvm_ffi.dataclasses import Enum, entry


class Activation(Enum, type_key="typing.fail.Activation"):
    output_zero: bool

    relu: ClassVar[Activation] = entry(output_zero=True)


flag: str = Activation.relu.output_zero  # E
ordinal: str = Activation.relu.value  # E
Activation.relu.missing  # E
Activation.get(1)  # E
Activation.def_attr("cost", default=0, extra=1)  # E
Activation.relu.value = 3  # E
Activation.relu.name = "x"  # E
