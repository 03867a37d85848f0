import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("toCsv", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it("defuses spreadsheet formulas", () => {
    expect(toCsv(["v"], [["=HYPERLINK(1)"], ["-1"], ["@cmd"], [42]])).toBe(
      "v\r\n'=HYPERLINK(1)\r\n'-1\r\n'@cmd\r\n42\r\n",
    );
  });
});
