// search/address.js: the search page's query and filters in its address; the filters' values.
import test from "node:test";
import assert from "node:assert/strict";
import { browserModule } from "./browser-modules.mjs";

const a = await browserModule("search/address.js");

test("an address's query string is read into the query and the filters, by their parameters", () => {
  assert.deepEqual(a.decodeAddress("?q=%20%E5%AD%A6%E5%89%8D%20&year=2023&province=%E5%B1%B1%E4%B8%9C%E7%9C%81&x=1"), {
    q: "学前",
    filters: { 年份: "2023", 省份: "山东省" },
  });
  assert.deepEqual(a.decodeAddress(""), { q: "", filters: {} });
  assert.deepEqual(a.decodeAddress("?year="), { q: "", filters: {} }, "an empty value is no filter");
});

test("a state is written as the query, then the filters in the page's order, empty ones left out", () => {
  const state = { q: "学前 教育", filters: { 发文机关: "济宁市教育局", 年份: "2023", 城市: "", 省份: "山东省" } };
  assert.equal(a.encodeAddress(state), "?q=%E5%AD%A6%E5%89%8D+%E6%95%99%E8%82%B2&year=2023&province=%E5%B1%B1%E4%B8%9C%E7%9C%81&issuer=%E6%B5%8E%E5%AE%81%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80");
  assert.equal(a.encodeAddress({ q: "", filters: {} }), "");
  assert.deepEqual(a.FILTERS.map((f) => f.param), ["year", "province", "city", "county", "topic", "type", "issuer", "status"]);
});

test("every state comes back from its address", () => {
  const states = [
    { q: "", filters: {} },
    { q: "a&b=c?#d", filters: { 主题: "学前教育", 文种: "工作要点" } },
    { q: "济教字〔2023〕22号", filters: { 年份: "2023", 省份: "山东省", 城市: "济宁市", 区县: "任城区" } },
  ];
  for (const state of states) assert.deepEqual(a.decodeAddress(a.encodeAddress(state)), state);
});

test("choosing a place clears the narrower ones; a narrower place needs its wider one", () => {
  const all = { 省份: "山东省", 城市: "济宁市", 区县: "任城区", 年份: "2023" };
  const province = a.choose(all, "省份", "江苏省");
  assert.deepEqual(a.activeFilters(province), { 省份: "江苏省", 年份: "2023" });
  assert.deepEqual(a.activeFilters(a.choose(all, "城市", "济南市")), { 省份: "山东省", 城市: "济南市", 年份: "2023" });
  assert.deepEqual(a.activeFilters(a.choose(all, "区县", "兖州区")), { ...all, 区县: "兖州区" });
  assert.deepEqual(a.activeFilters(a.choose(all, "省份", "")), { 年份: "2023" }, "no province: no city, no county");
  assert.deepEqual(a.activeFilters(a.choose(all, "年份", "")), { 省份: "山东省", 城市: "济宁市", 区县: "任城区" });
  assert.deepEqual(all, { 省份: "山东省", 城市: "济宁市", 区县: "任城区", 年份: "2023" }, "the old filters are left as they were");
});

test("a select offers the values held, the chosen one always; years newest first, the others most frequent first", () => {
  const [year, province] = a.FILTERS;
  const counts = { 年份: { 2019: 3, 2023: 1, 2021: 0 }, 省份: { 江苏省: 2, 山东省: 5, 北京市: 2, 河北省: 0 } };
  assert.deepEqual(a.filterValues(year, counts, ""), ["2023", "2019"]);
  assert.deepEqual(a.filterValues(year, counts, "2021"), ["2023", "2021", "2019"]);
  assert.deepEqual(a.filterValues(province, counts, ""), ["山东省", "北京市", "江苏省"]);
  assert.deepEqual(a.filterValues(province, counts, "河北省"), ["山东省", "北京市", "江苏省", "河北省"]);
  assert.deepEqual(a.filterValues(province, { 省份: {} }, "上海市"), ["上海市"]);
  assert.deepEqual(a.filterValues(a.FILTERS[4], counts, ""), []);
});
