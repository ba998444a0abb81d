"""Writes python_repr.json: float bit patterns (as unsigned 64-bit ints) with Python's repr() of each.

Run with any Python 3: python3 make_python_repr.py. The cases are fixed lesson values, edge cases of the switch to
exponent notation, and random doubles and float32 values (seeded).
"""
import json
import random
import struct

random.seed(1)
vals = [3.135774850845337, 0.3550890386104584, 1e-05, 2.0, 0.1, 123456789012345678.0, 1.5e16, 1e16,
        9999999999999998.0, 0.0001, 0.00012345, -2.5, 5e-324, 1.7976931348623157e308, 100.0, 0.29727885127067566]
for _ in range(200):
    vals.append(struct.unpack('d', struct.pack('Q', random.getrandbits(64)))[0])
    vals.append(float(struct.unpack('f', struct.pack('I', random.getrandbits(32)))[0]))
vals = [v for v in vals if v == v and abs(v) != float('inf')]
cases = [[struct.unpack('Q', struct.pack('d', v))[0], repr(v)] for v in vals]
with open('python_repr.json', 'w') as f:
    json.dump(cases, f, indent=0)
