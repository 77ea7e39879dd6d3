#!/usr/bin/python3
"""segyio side of Seiswork's SEG-Y interoperability test (SegyioInteropTest).

  interop.py read ENDIAN FILE...          print what segyio reads from each FILE as JSON
  interop.py write ENDIAN FORMAT FILE     create FILE with segyio.create (3 x 4 cube, 7 samples)
                                          and print what was written as JSON
  interop.py cube FILE                    open FILE as a cube (inline 189, crossline 193) and print
                                          its lines, sorting and samples as JSON

Run with the system interpreter (/usr/bin/python3), which has Debian's python3-segyio.
"""
import json
import sys
import warnings

import numpy as np
import segyio

warnings.simplefilter("ignore")  # segyio warns when narrowing float32 to the file's integer type

DTYPES = {1: np.float32, 2: np.int32, 3: np.int16, 5: np.float32, 8: np.int8}


def describe(path, endian):
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        th = segyio.TraceField
        return {
            "file": path,
            "tracecount": f.tracecount,
            "samples": len(f.samples),
            "format": int(f.bin[segyio.BinField.Format]),
            "interval": int(f.bin[segyio.BinField.Interval]),
            "binSamples": int(f.bin[segyio.BinField.Samples]),
            "revision": int(f.bin[segyio.BinField.SEGYRevision]),
            "fixedLength": int(f.bin[segyio.BinField.TraceFlag]),
            "tracesPerEnsemble": int(f.bin[segyio.BinField.Traces]),
            "sortingCode": int(f.bin[segyio.BinField.SortingCode]),
            "measurementSystem": int(f.bin[segyio.BinField.MeasurementSystem]),
            "text": f.text[0].decode("ascii", "replace"),
            "traces": [[float(v) for v in f.trace[i]] for i in range(f.tracecount)],
            "headers": [{
                "ffid": int(h[th.FieldRecord]),
                "tracf": int(h[th.TraceNumber]),
                "offset": int(h[th.offset]),
                "sx": int(h[th.SourceX]),
                "gx": int(h[th.GroupX]),
                "iline": int(h[th.INLINE_3D]),
                "xline": int(h[th.CROSSLINE_3D]),
                "cdpx": int(h[th.CDP_X]),
                "scalar": int(h[th.SourceGroupScalar]),
                "ns": int(h[th.TRACE_SAMPLE_COUNT]),
                "dt": int(h[th.TRACE_SAMPLE_INTERVAL]),
            } for h in f.header],
        }


def cube(path):
    with segyio.open(path) as f:
        return {
            "file": path,
            "sorting": int(f.sorting),
            "ilines": [int(v) for v in f.ilines],
            "xlines": [int(v) for v in f.xlines],
            "samples": [float(v) for v in f.samples],
            "values": segyio.tools.cube(f).astype(float).tolist(),
        }


def write(path, endian, fmt):
    spec = segyio.spec()
    spec.iline, spec.xline = 189, 193
    spec.format = fmt
    spec.sorting = segyio.TraceSortingFormat.INLINE_SORTING
    spec.samples = list(range(7))
    spec.ilines = [1, 2, 3]
    spec.xlines = [20, 21, 22, 23]
    spec.endian = endian
    traces = []
    with segyio.create(path, spec) as f:
        f.bin.update({segyio.BinField.Interval: 2000})
        for i in range(12):
            values = (np.arange(7) * 2 - 3 + i).astype(np.float32)
            if fmt in (1, 5):
                values = values * np.float32(0.75)
            f.header[i] = {
                segyio.TraceField.INLINE_3D: 1 + i // 4,
                segyio.TraceField.CROSSLINE_3D: 20 + i % 4,
                segyio.TraceField.CDP_X: 62000000 + i,
                segyio.TraceField.SourceGroupScalar: -100,
                segyio.TraceField.TRACE_SAMPLE_COUNT: 7,
                segyio.TraceField.TRACE_SAMPLE_INTERVAL: 2000,
            }
            f.trace[i] = values.astype(DTYPES[fmt])
            traces.append([float(v) for v in values])
    return {"file": path, "format": fmt, "traces": traces, "segyio": segyio.__version__}


def main(argv):
    if argv[1] == "read":
        print(json.dumps({"segyio": segyio.__version__, "files": [describe(p, argv[2]) for p in argv[3:]]}))
    elif argv[1] == "write":
        print(json.dumps(write(argv[4], argv[2], int(argv[3]))))
    elif argv[1] == "cube":
        print(json.dumps(cube(argv[2])))
    else:
        raise SystemExit("usage: interop.py read ENDIAN FILE... | write ENDIAN FORMAT FILE | cube FILE")


if __name__ == "__main__":
    main(sys.argv)
