#!/usr/bin/env python3
"""Regenerates torch_repr.json: real PyTorch reprs that TensorFormatTest compares against.

Run with a PyTorch 1.13 install (Debian bookworm's python3-torch works):

    /usr/bin/python3 make_torch_repr.py > torch_repr.json

Each case records what gradfit's Tensor.toString would pass to TensorFormat.format:
the row-major values (as Python float reprs, so nan/inf/-0.0 survive JSON), the shape,
whether the dtype is float64, and the grad_fn/requires_grad suffix; plus repr(tensor).
The tests never need PyTorch.
"""
import json
import math

import torch

F64 = torch.float64
nan, inf = math.nan, math.inf
cases = []


def add(name, t):
    """Records repr(t) together with the inputs TensorFormat needs to reproduce it."""
    assert t.dtype in (torch.float32, torch.float64), name
    suffixes = []
    # _str_intern adds grad_fn, else requires_grad, after dtype.
    if t.grad_fn is not None:
        suffixes.append("grad_fn=<{}>".format(type(t.grad_fn).__name__))
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    values = t.detach().reshape(-1).tolist()
    cases.append({
        "name": name,
        "shape": list(t.shape),
        "float64": t.dtype == F64,
        "suffixes": suffixes,
        "values": [repr(float(v)) for v in values],
        "expected": repr(t),
    })


def leaf(values, **kw):
    return torch.tensor(values, requires_grad=True, **kw)


# The lesson's own outputs (float32 values as produced by the training run).
add("lesson_weight_requires_grad", leaf([2.2690513134002686]))
add("lesson_loss_mean_backward", leaf([153.3519744873047]).mean())
add("lesson_bias", torch.tensor([161.00425720214844]))
add("lesson_single", torch.tensor([22.87298011779785]))
add("lesson_column", torch.tensor([[-34.139137268066406], [-146.61325073242188], [-215.91485595703125]]))
add("lesson_scalar", torch.tensor(3.135774850845337))

# Scalars.
add("scalar_zero", torch.tensor(0.0))
add("scalar_negative_zero", torch.tensor(-0.0))
add("scalar_int", torch.tensor(-7.0))
add("scalar_nan", torch.tensor(nan))
add("scalar_inf", torch.tensor(-inf))
add("scalar_sci_small", torch.tensor(1.5e-5))
add("scalar_sci_big_int", torch.tensor(3e9))
add("scalar_float64", torch.tensor(2.5, dtype=F64))
add("scalar_float64_pi", torch.tensor(math.pi, dtype=F64))
add("scalar_requires_grad", leaf(0.5))
add("scalar_float64_grad_fn", leaf(4.0, dtype=F64).mean())

# int_mode: every finite value is integral.
add("int_mode_basic", torch.tensor([1.0, -2.0, 3.0]))
add("int_mode_all_zero", torch.zeros(4))
add("int_mode_negative_zero", torch.tensor([0.0, -0.0, 5.0]))
add("int_mode_nonfinite", torch.tensor([1.0, nan, inf, -inf]))
add("int_mode_nonfinite_first", torch.tensor([-inf, 1.0]))
add("int_mode_all_nan", torch.tensor([nan, nan]))
add("int_mode_width", torch.tensor([-100.0, 5.0, 20.0]))
add("int_mode_1e8_not_sci", torch.tensor([100000000.0]))
add("int_mode_sci_big", torch.tensor([123456789.0]))
add("int_mode_sci_ratio", torch.tensor([1.0, 100000.0, nan]))
add("int_mode_ratio_exactly_1000", torch.tensor([1.0, 1000.0]))
add("int_mode_ratio_1001", torch.tensor([1.0, 1001.0]))
add("int_mode_2d", torch.tensor([[1.0, 20.0], [-300.0, 0.0]]))
add("int_mode_float64", torch.tensor([1.0, 2.0], dtype=F64))

# Fixed point, 4 decimals.
add("fixed_basic", torch.tensor([1.5, -2.25, 0.125]))
add("fixed_float32_tenth", torch.tensor([0.1, 0.2, 0.3]))
add("fixed_with_zero", torch.tensor([0.0, 1.5, -0.0]))
add("fixed_nonfinite", torch.tensor([nan, 1.5, -inf, inf]))
add("fixed_ties_half_even", torch.tensor([0.03125, 0.09375, 0.28125, 1.0]))
add("fixed_ties_float64", torch.tensor([0.03125, 2.00005, 0.15625], dtype=F64))
add("fixed_rounds_to_wider", torch.tensor([9.99999, 1.5]))
add("fixed_small_negative", torch.tensor([-0.00012, 0.1]))
add("fixed_large", torch.tensor([123456.7, 99999.5]))
add("fixed_min_exactly_1e-4", torch.tensor([0.0001, 0.05], dtype=F64))
add("fixed_ratio_exactly_1000", torch.tensor([0.5, 500.0, 1.5], dtype=F64))
add("fixed_float64", torch.tensor([1.0 / 3.0, -2.0 / 3.0], dtype=F64))

# Scientific notation.
add("sci_small_min", torch.tensor([1e-5, 1.0]))
add("sci_ratio", torch.tensor([1.5, 2000.5]))
add("sci_big", torch.tensor([1.5e10, 2.5]))
add("sci_with_zero_nan", torch.tensor([0.0, 1e-5, nan, -inf]))
add("sci_ties_half_even", torch.tensor([1.03125, 1e-5]))
add("sci_rounds_up_exponent", torch.tensor([999999.9, 0.5]))
add("sci_float32_extremes", torch.tensor([3.4028234663852886e38, 1.401298464324817e-45, -1.0]))
add("sci_three_digit_exponent", torch.tensor([1e-300, 1.0, -2.5e200], dtype=F64))
add("sci_negative_zero", torch.tensor([-0.0, 1e-6, 2.0]))
add("sci_2d", torch.tensor([[1e-8, 2.0], [-3.0, 4e5]]))

# Shapes: 2-D, 3-D, 4-D, size-one dims.
torch.manual_seed(0)
add("randn_2d", torch.randn(3, 4))
add("randn_3d", torch.randn(2, 3, 4))
add("randn_4d", torch.randn(2, 2, 2, 2))
add("randn_row", torch.randn(1, 5))
add("randn_3x1x2", torch.randn(3, 1, 2))
add("rank6_single", torch.tensor([[[[[[42.5]]]]]]))
add("randn_2d_float64", torch.randn(2, 3, dtype=F64))
add("randn_2d_requires_grad", torch.randn(2, 2, requires_grad=True))
add("randn_2d_grad_fn", torch.randn(2, 3, requires_grad=True) * 2)

# Line wrapping at 80 columns.
add("wrap_randn_20", torch.randn(20))
add("wrap_arange_30", torch.arange(30.0))
add("wrap_2d_rows", torch.randn(3, 20))
add("wrap_3d_rows", torch.randn(2, 2, 12) * 100)
add("wrap_sci", torch.randn(15) * 1e-5)
add("wrap_float64", torch.randn(12, dtype=F64))
add("wrap_exactly_fits", torch.tensor([1.25] * 12))
add("wrap_wide_elements", torch.tensor([1.0e30, -2.0e30, 3.5] * 4))

# Without a nonzero finite value the width stays 1, so rows are packed for 3-column elements.
add("wrap_all_zero_width_quirk", torch.zeros(30))
add("wrap_all_nan_width_quirk", torch.full((30,), nan))

# Suffix placement: same line while it fits, else on a new line indented by 'tensor('.
add("suffix_fits", leaf([1.5] * 6))
add("suffix_wraps", leaf([1.5] * 7))
add("suffix_after_multiline", leaf([0.5] * 20))
add("suffix_dtype_and_grad", leaf([0.5] * 6, dtype=F64))
add("suffix_dtype_wraps_grad_fn", leaf([0.25] * 6, dtype=F64) * 1)
# PyTorch counts the last line as two longer than it is: these sit on either side of that edge.
add("suffix_edge_fits", leaf([[1000.0] * 7]))
add("suffix_edge_wraps", leaf([[10.0] * 10]))
add("suffix_edge_wraps_grad_fn", leaf([1e-5] * 4) * 1)
add("suffix_2d_grad_fn", leaf([[1.5, -2.5], [3.5, 4.5]]) + 0)

# Summarization when numel > 1000 (edgeitems 3), formatter sees only what is shown.
add("summary_not_at_1000", torch.arange(1000.0))
add("summary_1001", torch.arange(1001.0))
add("summary_randn_1d", torch.randn(1500))
hidden = torch.arange(1200.0) / 7 + 1
hidden[600] = 1e9  # not shown, so it must not force sci mode or widen the columns
add("summary_hidden_value_ignored", hidden)
add("summary_2d", torch.arange(2000.0).reshape(40, 50))
add("summary_2d_columns_only", torch.randn(2, 600))
add("summary_2d_rows_only", torch.randn(1001, 1))
add("summary_3d", torch.randn(10, 10, 11))
add("summary_wide_fixed_wraps", torch.randn(7, 150) * 1e6)
add("summary_sci", torch.randn(1200) * 1e-5)
add("summary_requires_grad", torch.randn(1100, requires_grad=True))
add("summary_float64", torch.randn(3, 400, dtype=F64))

# Empty tensors.
add("empty_1d", torch.tensor([]))
add("empty_2d", torch.zeros(0, 3))
add("empty_2d_trailing", torch.zeros(3, 0))
add("empty_3d_float64", torch.zeros(2, 0, 4, dtype=F64))
add("empty_1d_float64", torch.zeros(0, dtype=F64))
add("empty_requires_grad", torch.zeros(0, 2, requires_grad=True))

print(json.dumps({"torch_version": torch.__version__, "cases": cases}, indent=1))
