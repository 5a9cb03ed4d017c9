import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Highlighted, highlightSegments } from "./Highlighted";

describe("Highlighted", () => {
  it("renders <mark> from the API and escapes everything else", () => {
    const { container } = render(
      <p>
        <Highlighted
          fragment={'Surgical <mark>masks</mark> <img src=x onerror="alert(1)"> <b>BFE</b> <mark>口罩</mark>'}
        />
      </p>,
    );
    const marks = container.querySelectorAll("mark");
    expect([...marks].map((m) => m.textContent)).toEqual(["masks", "口罩"]);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.textContent).toContain("<b>BFE</b>");
  });

  it("splits fragments into runs", () => {
    expect(highlightSegments("<mark>a</mark>b<mark>c</mark>")).toEqual([
      { text: "a", marked: true },
      { text: "b", marked: false },
      { text: "c", marked: true },
    ]);
    expect(highlightSegments("no marks")).toEqual([{ text: "no marks", marked: false }]);
  });
});

describe("engine escaping", () => {
  it("shows the engine's escaped characters once, as text (IgG/IgM, not IgG&#x2F;IgM)", () => {
    const { container } = render(
      <p>
        <Highlighted fragment="<mark>IgG&#x2F;IgM</mark> rapid test &lt;script&gt; &amp; more" />
      </p>,
    );
    expect(container.textContent).toBe("IgG/IgM rapid test <script> & more");
    expect(container.querySelector("mark")?.textContent).toBe("IgG/IgM");
    expect(container.querySelector("script")).toBeNull(); // decoded text stays text
  });
});
