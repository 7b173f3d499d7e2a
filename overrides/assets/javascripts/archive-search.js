/* Search of the policy archive, on every page: results under the header box as the reader types, and the full
 * search page (search/) with filters that work without a query and are kept in the address.
 *
 * Pagefind (pagefind/pagefind.js) finds candidates; Pagefind matches a Chinese query by its characters, so a
 * page with 双 and 减 far apart matches 双减. Each candidate's text is therefore checked here: a result must
 * contain every word of the query as written (after Traditional → Simplified conversion with the vendored
 * opencc-js), and results are ranked by where the words stand: title, then 文号, then headings, then the text.
 * A 文号 may be typed with 〔〕, [], (), 【】 or without brackets.
 *
 * What is fetched (issue 12: the search files before the first result stay small as the archive grows): each
 * bundle file once (Pagefind runs in the page and its requests are served from this script's downloads); the
 * word index chunk by chunk as words are typed; the search page's first view (its selects with every filter's
 * values and counts, and the first page of the list without a query) from one small file the build writes
 * (archive-summary.json.gz in the first bundle, see site.py's search_summary), so that nothing else but what a
 * query needs is fetched before anything is typed; the rest of the list, a chosen filter, and the filters a query's
 * results hold from Pagefind's metadata and filter files, never from a null search (which fetches the whole word
 * index); a candidate's text in small batches, each result shown as soon as its text arrives; the converter only
 * for a query that holds a character it may change. Where the summary is missing or unreadable the page reads
 * Pagefind's files from the start, as it did before the summary.
 *
 * Document text is untrusted: results are built with textContent, never with innerHTML.
 * Everything is resolved relative to MkDocs' base_url, so the site works under any sub-path.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL(((script && script.getAttribute("data-base-url")) || ".").replace(/\/?$/, "/"), document.baseURI).pathname;
  // A large archive's index is built in shards; the first is the main bundle, the others are merged into it.
  var BUNDLES = ((script && script.getAttribute("data-bundles")) || "pagefind/").split(/\s+/).filter(Boolean);
  var CONVERTER_URL = script && script.getAttribute("data-converter");

  var FIRST_BATCH = 4; // the first candidates' text, fetched together: small, so that the first result shows soon
  var CHECK_BATCH = 10; // the next candidates' text, fetched together
  var HEADER_RESULTS = 6;
  var PAGE_RESULTS = 20;
  // At most this many candidates' text is fetched per list (header) or per "more" (search page): on a large
  // archive a query's characters are scattered over most pages, and its phrase may be in none of them.
  var HEADER_CHECKS = 40;
  var PAGE_CHECKS = 80;
  var UNAVAILABLE = "检索索引无法载入（pagefind/ 不存在或网络中断）。";

  // ------------------------------------------------------------------ a bundle's files, each fetched once
  // Pagefind runs in this page (noWorker), so that it fetches with window.fetch. A bundle's files are fetched here
  // side by side as soon as search is wanted (Pagefind asks for them one after another, a round trip each) and each
  // is fetched once: Pagefind's own requests for them, and this script's for the catalog below, share one download
  // (an HTTP cache that revalidates, or a response still on its way, would not be shared).
  var BUNDLE_PATHS = BUNDLES.map(function (bundle) { return ROOT + bundle; });
  var nativeFetch = window.fetch.bind(window);
  var downloads = {}; // path without query -> Promise<{status, type, bytes}>
  var LOADED_AT = Date.now(); // the entry names the other files: asked for past any cache, once per page load

  function bundleFile(url) {
    var parsed;
    try {
      parsed = new URL(url, document.baseURI);
    } catch (e) {
      return null;
    }
    if (parsed.origin !== window.location.origin) return null;
    var path = parsed.pathname;
    return BUNDLE_PATHS.some(function (b) { return path.indexOf(b) === 0; }) ? path : null;
  }

  /** A bundle file's status and bytes, downloaded once (a failed download is tried again when asked again). */
  function download(path) {
    if (!downloads[path]) {
      var url = /\/pagefind-entry\.json$/.test(path) ? path + "?ts=" + LOADED_AT : path;
      downloads[path] = nativeFetch(url, { credentials: "same-origin" }).then(function (response) {
        return response.arrayBuffer().then(function (buffer) {
          return { status: response.status, type: response.headers.get("content-type") || "", bytes: buffer };
        });
      });
      downloads[path].catch(function () { delete downloads[path]; });
    }
    return downloads[path];
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input && input.url;
    var path = url && (!init || !init.method || init.method === "GET") ? bundleFile(url) : null;
    if (!path) return nativeFetch(input, init);
    return download(path).then(function (file) {
      return new Response(file.bytes.slice(0), { status: file.status, headers: { "content-type": file.type } });
    });
  };

  /** A bundle file's bytes, or a rejection when it is missing. */
  function fileBytes(path) {
    return download(path).then(function (file) {
      if (file.status !== 200) throw new Error(path + ": HTTP " + file.status);
      return new Uint8Array(file.bytes);
    });
  }

  /** The bundle's entry: the language index that Pagefind will load for this page (as Pagefind chooses it). */
  function bundleEntry(bundle) {
    return fileBytes(bundle + "pagefind-entry.json").then(function (bytes) {
      var entry = JSON.parse(new TextDecoder().decode(bytes));
      var languages = entry.languages || {};
      var lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
      var index = languages[lang] || languages[lang.split("-")[0]] || Object.keys(languages).map(function (k) {
        return languages[k];
      }).sort(function (a, b) { return b.page_count - a.page_count; })[0];
      if (!index) throw new Error(bundle + ": no language index");
      return index;
    });
  }

  /** What Pagefind needs before its first search, fetched side by side: each bundle's entry and metadata, the
   *  first bundle's WebAssembly (the merged bundles use the first one's), and a small archive's whole word index
   *  (site.py lists it in archive-prefetch.json when it is tiny). */
  var warmed = false;
  function warmBundles() {
    if (warmed) return;
    warmed = true;
    BUNDLE_PATHS.forEach(function (bundle, k) {
      bundleEntry(bundle).then(function (index) {
        download(bundle + "pagefind." + index.hash + ".pf_meta");
        if (k === 0) download(bundle + "wasm." + (index.wasm || "unknown") + ".pagefind");
      }).catch(function () {});
      fileBytes(bundle + "archive-prefetch.json").then(function (bytes) {
        (JSON.parse(new TextDecoder().decode(bytes)).index || []).forEach(function (chunk) { download(bundle + chunk); });
      }).catch(function () {});
    });
  }

  // ------------------------------------------------------------------ the engine, fetched when first needed
  var enginePromise = null;

  function loadEngine() {
    if (!enginePromise) {
      warmBundles();
      enginePromise = import(BUNDLE_PATHS[0] + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: ROOT, excerptLength: 40, noWorker: true }).then(function () {
          return Promise.all(
            BUNDLE_PATHS.slice(1).map(function (bundle) {
              return pagefind.mergeIndex(bundle, { baseUrl: ROOT });
            })
          );
        }).then(function () {
          return pagefind.init();
        }).then(function () {
          return pagefind;
        });
      });
    }
    return enginePromise;
  }

  // ------------------------------------------------------------------ the catalog: browsing and filters
  // Pagefind lists pages without a query (a null search) only after fetching every chunk of the word index
  // (Pagefind 1.5.2 asks for the chunks of the empty word, which are all of them: megabytes on a large archive).
  // Pages, their date order and their filter values are in the bundle's metadata and filter files, so the
  // search page browses and filters from those (decoded here: gzip, then CBOR), and asks Pagefind only for words.
  var catalogPromise = null;
  var pageDataCache = {}; // fragment path -> Promise<data>

  function inflate(bytes) {
    var signature = "pagefind_dcd";
    var head = new TextDecoder().decode(bytes.subarray(0, 12));
    if (head === signature) return Promise.resolve(bytes.subarray(12));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      var out = new Uint8Array(buffer);
      if (new TextDecoder().decode(out.subarray(0, 12)) !== signature) throw new Error("not a Pagefind file");
      return out.subarray(12);
    });
  }

  /** A CBOR value (the subset Pagefind writes: integers, strings, arrays, maps). */
  function decodeCbor(bytes) {
    var at = 0;
    var text = new TextDecoder();
    function length(info) {
      if (info < 24) return info;
      var size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
      if (!size) throw new Error("CBOR: unsupported length");
      var value = 0;
      for (var i = 0; i < size; i++) value = value * 256 + bytes[at++];
      return value;
    }
    function item() {
      var head = bytes[at++];
      var major = head >> 5;
      var info = head & 31;
      if (major === 7) return info === 21 ? true : info === 20 ? false : null;
      var n = length(info);
      var out;
      switch (major) {
        case 0: return n;
        case 1: return -1 - n;
        case 2: out = bytes.subarray(at, at + n); at += n; return out;
        case 3: out = text.decode(bytes.subarray(at, at + n)); at += n; return out;
        case 4: out = []; for (var i = 0; i < n; i++) out.push(item()); return out;
        case 5: out = {}; for (var j = 0; j < n; j++) { var key = item(); out[key] = item(); } return out;
        default: throw new Error("CBOR: unsupported type " + major);
      }
    }
    return item();
  }

  function readPagefindFile(path) {
    return fileBytes(path).then(inflate).then(decodeCbor);
  }

  /** One bundle: its pages (fragment hashes), date order and filters. */
  function loadCatalogBundle(bundle) {
    return bundleEntry(bundle).then(function (index) {
      return readPagefindFile(bundle + "pagefind." + index.hash + ".pf_meta");
    }).then(function (meta) {
      // [version, [[page hash, word count]…], [[from, to, chunk]…], [[filter, chunk]…], [[sort, [page…]]…], …]
      var valid = Array.isArray(meta) && Array.isArray(meta[1]) && Array.isArray(meta[3]) && Array.isArray(meta[4]) &&
        meta[1].every(function (page) { return typeof page[0] === "string"; }) &&
        meta[3].every(function (filter) { return typeof filter[0] === "string" && typeof filter[1] === "string"; });
      if (!valid) throw new Error(bundle + ": unknown Pagefind metadata layout");
      var pages = (meta[1] || []).map(function (page, n) {
        return { bundle: bundle, hash: page[0], values: {}, year: "", rank: -1 };
      });
      (meta[4] || []).forEach(function (sort) {
        if (sort[0] !== "date") return;
        sort[1].forEach(function (n, position) {
          if (pages[n]) pages[n].rank = (position + 1) / sort[1].length;
        });
      });
      return Promise.all((meta[3] || []).map(function (filter) {
        return readPagefindFile(bundle + "filter/" + filter[1] + ".pf_filter");
      })).then(function (chunks) {
        // Each chunk: [filter, [[value, [page…]]…]]
        chunks.forEach(function (chunk) {
          (chunk[1] || []).forEach(function (entry) {
            entry[1].forEach(function (n) {
              var page = pages[n];
              if (!page) return;
              (page.values[chunk[0]] = page.values[chunk[0]] || []).push(entry[0]);
              if (chunk[0] === "年份") page.year = entry[0];
            });
          });
        });
        return pages;
      });
    });
  }

  function Catalog(parts) {
    var self = this;
    this.pages = [].concat.apply([], parts);
    this.byHash = {};
    this.pages.forEach(function (page) {
      (self.byHash[page.hash] = self.byHash[page.hash] || []).push(page);
    });
    // Newest first: by year, then by the page's place in its own bundle's date order; pages without a date last
    // (Pagefind's own sorted search leaves them out).
    this.byDate = this.pages.slice().sort(function (a, b) {
      return (b.rank >= 0) - (a.rank >= 0) || b.year.localeCompare(a.year) || b.rank - a.rank;
    });
  }
  /** Whether the page has every chosen filter value. */
  function passes(page, chosen) {
    return Object.keys(chosen).every(function (name) {
      return (page.values[name] || []).indexOf(chosen[name]) >= 0;
    });
  }
  /** Every page with the chosen filter values, newest first, as results with data(). */
  Catalog.prototype.browse = function (chosen) {
    return this.byDate.filter(function (page) { return passes(page, chosen); }).map(function (page) {
      return { id: page.hash, pages: [page], data: function () { return pageData(page); } };
    });
  };
  /** Pagefind's results that have the chosen filter values (each result's pages as r.pages: a page hash is unique
   *  within a bundle, not necessarily across bundles). */
  Catalog.prototype.narrow = function (results, chosen) {
    var byHash = this.byHash;
    var any = Object.keys(chosen).length > 0;
    return results.filter(function (r) {
      r.pages = byHash[r.id] || [];
      return !any || r.pages.some(function (page) { return passes(page, chosen); });
    });
  };
  /** For each filter, how many of the results have each value (as Pagefind reports a search's filters). */
  Catalog.prototype.counts = function (results) {
    var counts = {};
    results.forEach(function (r) {
      var seen = {};
      r.pages.forEach(function (page) {
        Object.keys(page.values).forEach(function (name) {
          var values = (counts[name] = counts[name] || {});
          page.values[name].forEach(function (value) {
            if (seen[name + "\n" + value]) return;
            seen[name + "\n" + value] = true;
            values[value] = (values[value] || 0) + 1;
          });
        });
      });
    });
    return counts;
  };

  /** The catalog of every bundle, or null where it cannot be read (no DecompressionStream, or files it does not
   *  understand): then the search page browses and filters with Pagefind itself, as it did before. */
  function loadCatalog() {
    if (!catalogPromise) {
      if (typeof DecompressionStream === "undefined") {
        catalogPromise = Promise.resolve(null);
      } else {
        warmBundles();
        catalogPromise = Promise.all(BUNDLE_PATHS.map(loadCatalogBundle)).then(function (parts) {
          return new Catalog(parts);
        }).catch(function () {
          return null; // unreadable (another Pagefind version's layout, a failed download): Pagefind alone
        });
      }
    }
    return catalogPromise;
  }

  // ------------------------------------------------------------------ the summary: the search page's first view
  // Written by the build after Pagefind has run (site.py, search_summary): each filter's values with the number of
  // documents holding each, the places nested province → city → county, and the list's first page without a query
  // (the documents Catalog.byDate lists first, with what a result card shows of them). JSON, in gzip.
  var SUMMARY_FILE = "archive-summary.json.gz";
  var summaryPromise = null;

  function fragmentPath(bundle, hash) {
    return bundle + "fragment/" + hash + ".pf_fragment";
  }

  /** A fragment's data as pageData gives it, from a listed document of the summary (untrusted text: shown with
   *  textContent like any other). */
  function summaryData(entry) {
    var meta = {};
    ["title", "docno", "issuer", "date", "place"].forEach(function (field) {
      if (typeof entry[field] === "string" && entry[field]) meta[field] = entry[field];
    });
    var url = String(entry.url || "");
    return {
      raw_url: url,
      url: /^(https?:)?\/\//.test(url) ? url : (ROOT + "/" + url).replace(/\/+/g, "/"),
      meta: meta,
      content: "",
      anchors: [],
      plain_excerpt: typeof entry.excerpt === "string" ? entry.excerpt : "",
    };
  }

  /** The summary, or null where it is missing or unreadable (or written for other bundles). */
  function loadSummary() {
    if (!summaryPromise) {
      summaryPromise = fileBytes(BUNDLE_PATHS[0] + SUMMARY_FILE).then(function (bytes) {
        // gzip, unless the server already took it out (a host that sends .gz with Content-Encoding: gzip).
        if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
        if (typeof DecompressionStream === "undefined") throw new Error("no DecompressionStream");
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
      }).then(function (bytes) {
        var summary = JSON.parse(new TextDecoder().decode(bytes));
        var valid = summary && summary.version === 1 && typeof summary.pages === "number" &&
          Array.isArray(summary.listing) && summary.filters && typeof summary.filters === "object" &&
          Array.isArray(summary.bundles) && summary.bundles.join(" ") === BUNDLES.join(" ") &&
          summary.listing.every(function (entry) {
            return entry && typeof entry.hash === "string" && BUNDLE_PATHS[entry.bundle] !== undefined;
          });
        if (!valid) throw new Error("unknown summary layout");
        summary.counts = {};
        Object.keys(summary.filters).forEach(function (name) {
          var values = (summary.counts[name] = {});
          (summary.filters[name] || []).forEach(function (pair) {
            if (Array.isArray(pair) && typeof pair[0] === "string") values[pair[0]] = Number(pair[1]) || 0;
          });
        });
        summary.results = summary.listing.map(function (entry) {
          var path = fragmentPath(BUNDLE_PATHS[entry.bundle], entry.hash);
          // Browsing further (the catalog's list) finds these documents' cards here instead of fetching them.
          if (!pageDataCache[path]) pageDataCache[path] = Promise.resolve(summaryData(entry));
          var data = pageDataCache[path];
          return { id: entry.hash, data: function () { return data; } };
        });
        return summary;
      }).catch(function () {
        return null; // Pagefind's files, as before the summary
      });
    }
    return summaryPromise;
  }

  /** The cities of a province, or the counties of a city, as the summary nests them (for the narrower select while
   *  the chosen place's documents load). */
  function summaryPlaces(summary, province, city) {
    var out = {};
    (summary.places || []).forEach(function (p) {
      if (!Array.isArray(p) || p[0] !== province || !Array.isArray(p[1])) return;
      p[1].forEach(function (c) {
        if (!Array.isArray(c)) return;
        if (city === undefined) {
          if (c[0]) out[c[0]] = 0;
        } else if (c[0] === city && Array.isArray(c[1])) {
          c[1].forEach(function (county) { if (county) out[county] = 0; });
        }
      });
    });
    return out;
  }

  /** A page's fragment as Pagefind's result.data() gives it (url, content without word breaks, meta, anchors, and
   *  the opening words as plain_excerpt), fetched once. */
  function pageData(page) {
    var path = fragmentPath(page.bundle, page.hash);
    if (!pageDataCache[path]) {
      pageDataCache[path] = fileBytes(path).then(inflate).then(function (bytes) {
        var data = JSON.parse(new TextDecoder().decode(bytes));
        var words = (data.content || "").split("\u200B");
        data.plain_excerpt = words.slice(0, 40).join("").trim();
        data.content = (data.content || "").replace(/\u200B/g, "");
        data.raw_url = data.url;
        data.url = /^(https?:)?\/\//.test(data.url) ? data.url : (ROOT + "/" + data.url).replace(/\/+/g, "/");
        return data;
      });
      pageDataCache[path].catch(function () { delete pageDataCache[path]; });
    }
    return pageDataCache[path];
  }

  // Traditional → Simplified, with OpenCC's own tables (t2s, as the pipeline converts documents). Fetched only for a
  // query that holds a character the conversion may change, before that query is searched.
  var converter = null;
  var converterPromise = null;
  var converterSettled = false; // fetched (or failed): a query's conversion is known
  function loadConverter() {
    if (!converterPromise) {
      converterPromise = new Promise(function (resolve) {
        function settle(value) {
          converter = value;
          converterSettled = true;
          resolve(value);
        }
        if (!CONVERTER_URL) return settle(null);
        var tag = document.createElement("script");
        tag.src = CONVERTER_URL;
        tag.onload = function () {
          try {
            settle(window.OpenCC.Converter({ from: "t", to: "cn" }));
          } catch (e) {
            settle(null);
          }
        };
        tag.onerror = function () { settle(null); };
        document.head.appendChild(tag);
      });
    }
    return converterPromise;
  }

  /** The characters a query must hold for the t2s conversion to change it: each character that the tables
   *  convert, and for each phrase they convert that holds none of those, one of its characters. Generated from the
   *  vendored t2cn.js (tests/test_site_browser.py, test_the_converter_is_fetched_only_for_traditional_text, checks
   *  it and prints it again when the tables change). */
  var CONVERTIBLE = "㑯㑳㑶㓨㗲㘚㜄㜏㜢㠏㠣㥮㩜㩳㩵㺏䁪䁻䃮䊷䋙䋚䋹䋻䍦䎱䓣䙡䜀䝼䡵䥇䥑䥕䥱䦛䦟䧢䮄䯀䰾䱷䱽䲁䲘䴉丟並乾亂亙亞佇佈佔併來侖侶侷俁係俔俠俥俬倀倆倈倉個們倖倫倲偉偑側偵偽傌傑傖傘備傢傭傯傳-債傷傾僂僅僉僑僕僞僤僥僨僱價儀-儂億儈儉儎儐儔儕儘償優儲儷儸儺-儼兇兌兒兗內兩冊冑冪凈凍凜凱別刪剄則剋剎剗剛剝剮剴創剷劃劄劇劉劊劌劍劏劑劚勁動務勛勝勞勢勣勩勱勳勵勸勻匭匯匱區協卹卻卽厙厠厤厭厲厴參叄叢吒吳吶呂咼員哩唄唸問啓啞啟啢喎喚喪-喬單喲嗆嗇嗊嗎嗚嗩嗰嗶嘆嘍嘓嘔嘖嘗嘜嘩嘮-嘰嘵嘸嘽噁噓噚噝噠噥噦噯噲噴噸噹嚀嚇嚌嚐嚕嚙嚥-嚨嚮嚲-嚴嚶囀-囂囅囈囉囌囑囪圇國圍園圓圖團坏垻埡埨埰執堅堊堖堝堯報場塊塋塏塒塗塚塢塤塵塸塹塿墊墜墠墮墰墳墶墻墾壇壋壎壓壗-壚壜壞-壠壢壩壪壯壺壼壽夠夢夥夾奐奧奩奪奬奮奼妝姍姦娙娛婁婦婭媧媯媰媼媽嫋嫗嫵嫺嫻嫿嬀嬃嬈嬋嬌嬙嬡嬤嬪嬰嬸孃孋孌孫學孻孿宮寀寢實寧審寫寬寵寶將專尋對導尷屆屍屓屜屢層屨屬岡峯峴島峽崍崑崗崙崢崬嵐嵗嵽嵾嶁嶄嶇嶔嶗嶠嶢嶧嶨嶮嶸嶺嶼嶽巋巒巔巖巘巰巹帥師帳帶幀幃幓幗幘幟幣幫幬幷幹幾庫廁廂廄廈廎廕廚廝-廣廩廬廳弒弔弳張強彄彆彈彌彎彔彙彠彥彫彲彿後徑得從徠復徵徹恆恥悅悞悵悶悽惡惱惲惻愛愜愨愴愷愾慄態慍慘慚慟慣慤慪慫慮慳慶慺慼慾憂憊憐-憒憖憚憤憫憮憲憶懇應懌懍懞懟懣懤懨懲懶-懸懺懼懾戀戇戔戧戩戰-戲戶扞拋拚挩挱挾捨捫捱捲掃掄掆掗掙掛採揀揚換揮揯損搖搗搧搵搶摑摜摟摯摳摶摺摻撈撏撐撓撝撟撣撥撫撲撳撻撾撿擁擄擇擊擋擓擔據擠擡擣擬擯-擲擴擷擺-擾攄攆攏攔攖攙攛-攝攢-攤攪攬敎敓敗敘敵數斂斃斆斕斬斷於旂旣昇時晉晛晝暈暉暐暘暢暫曄曆曇曉曏曖曠曥曨曬書會朥朧朮東枴柵柺査桱桿梔梘梜條梟梲棄棊棖棗棟棡棧棲棶椏椲楊楓楨業極榘榦榪榮榲榿構槍槓槤槧槨槮槳槶槼樁樂樅樑樓標樞樢樣樧樫樳樸-樺樿橈橋機橢橫橯檁檉檔檜檟檢檣檮檯檳檸檻櫃櫍櫓櫚櫛櫝-櫟櫥櫧櫨櫪-櫬櫱櫳櫸櫻欄欅權欏欒欓欖欞欽歎歐歟歡歲歷歸歿殘殞殤殨殫殭-殰殲殺-殼毀毆毿氂氈氌氣氫氬氳氾汎汙決沈沒沖況泝洩洶浹浿涇涗涼淒淚淥淨-淪淵淶淺渙減渢渦測渾湊湋湞湧湯溈準溝溫溮溳溼滄滅滌滎滙滬滯滲滷滸滻滾滿漁漊漍漚漢漣漬漲漵漸漿潁潑潔潕潙-潛潤潯潰潷潿澀澆澇澐澗澠澤澦澩澫澮澱澾濁濃濄濆濕濘濚-濜濟濤濧濫濰濱濺濼濾瀂瀅-瀇瀉瀋瀏瀕瀘瀝瀟瀠瀦-瀨瀰瀲瀾灃灄灑灒灕灘灙灝灡灣灤灧灩災為烏烴無煉煒煙煢煥煩煬煱熅熒熗熰-熲熾燀燁燈燉燒燖燙燜營燦燬燭燴燶燻燼燾爍爐爛爭爲爺爾牀牆牘牴牽犖犛犢犧狀狹狽猙猶猻獁獃-獅獎獨獪獫獮獰-獲獵獷獸獺-獼玀現琱琺琿瑋瑒瑣瑤瑩瑪瑲璉璊璕璗璡璣璦璫璯環璵璸璽璿瓅瓊瓏瓔瓚瓛甌甕產産甦畝畢畫異畵當疇疊痙痠痾瘂瘋瘍瘓瘞瘡瘧瘮瘲瘺瘻療癆癇癉癒癘癟癡癢癤癥癧癩癬-癮癰-癲發皁皚皰皸皺盃盜盞盡監盤盧盪眞眥眾睍睏睜睞瞘瞜瞞瞭瞶瞼矇矓矚矯硃硜硤硨硯碕碩碭碸確碼碽磑磚磠磣磧磯磽磾礄礎礐礙礦礪-礬礱祕祿禍禎禕禡禦禪禮禰禱禿秈稅稈稏稜稟種稱穀穇穌-穎穠-穢穩穫穭窩窪窮窯窵窶窺竄竅竇竈竊竪競筆筍筧筴箇箋箏箚節範築篋篔篠篢篤篩篳篸簀簍簑簞簡簣簫簹簽簾籃籅籌籔籙籛籜籟籠籤籩籪籬籮籲粵糉糝糞糧糰糲糴糶糹糾紀紂-紉紋納紐紓-紞紡紬紮細-紳紵紹紺紼紿絀終-絆絎結絕絛絝絞絡絢給絨絪絰-絳絶絹絺綁綃綄綆綈綉綌綎-綑經綖綜-綞綠-綣綧綪-維綯-綵綸-綻綽-綿緄緇緊緋緑-緔緗-線緝緞締緡緣緦編緩緬緯緱緲練緶緹緻緼縈-縋縐縑縕縗縛縝-縟縣縧縫縭-縯縱-縷縹總績繃繅繆繒織繕繚繞繡繢繩-繫繭-繰繳繶繸繹繻-繿纁纆-纈纊續纍纏纓-纖纘纜缽罃罈罌罎罰罵罷羅羆羈羋羣羥羨義羶習翫翬翹翽耬耮聖聞聯聰聲聳聵-職聹聽聾肅脅脈脛脣脩脫脹腎腖腡腦腫腳腸膃膕膚膞膠膢膩膽-膿臉臍臏臘臚臟臠臢臥臨臺與-舊舖舘艙艤艦艫艱艷芻苧茲荊莊莖莢莧華菴菸萇萊萬萴萵葉葒葤葦葯葷蒍蒐蒓-蒕蒞蒼蓀蓆蓋蓮蓯蓴蓽蔄蔔蔘蔞蔣蔥蔦蔭蔯蔿蕁蕆蕎蕒蕓蕕蕘蕢蕩蕪蕭蕷薀薈薊薌薑薔薘薟薦薩薳-薵薹薺藉藍藎藝藥藪藭藴藶藹藺蘀蘄蘆蘇蘊蘋蘚蘞蘟蘢蘭蘺蘿虆虉處虛虜號虧虯蛺蛻蜆蝀蝕蝟蝦蝨蝸螄螞螢螮螻螿蟄蟈蟎蟣蟬蟯蟲蟳蟶蟻蠁蠅蠆蠍蠐蠑蠔蠟蠣蠨蠱蠶蠻衆衊術衕衚衛衝袞袷裊裏補裝裡製複褌褘褲褳褸褻襀襇襉襏襖襝襠襤襪襬襯襲襴覆覈見覎規覓視覘覡覥覦親覬覯覲覷覺覽覿觀觴觶觸訁-訃計訊訌討-訐訒訓訕-記訛訝訟訢訣訥訩訪設許訴訶診-証詀詁詆詎詐詒詔-詘詛詝詞詠-詣試詩-詮詰-詳詵詷詼詿誄-誇誌認誑誒誕誘誚語誠誡誣-誦誨說説誰課誶誹誼誾調諂諄談諉請諍諏諑-諓論諗諛-諟諡諢諤諦諧諫諭諮諱-諴諶-諸諺諼諾謀-謂謄謅謊謎-謐謔謖謗謙-講謝謠謡謨謫-謭謳謹謾譁證譎譏譓譖識-譚譜譞譟譫譭譯議譴護譸譽譾讀讅變-讌讎讒讓讕讖讚讜讞谿豈豎豐豔豬豶貍貓貙貝-貢貧-責貯貰貲-貴貶-貸貺-貽貿-賅資賈賊賑-賓賕賙賚賜賞賠-賤賦賧質-賭賰賴賵賺-賾贄贅贇贈贊贋贍贏贐贓贔贖贗贛贜赬趕趙趨趲跡踐踰踴蹌蹕蹟蹠蹣蹤蹺躂躉-躋躍躎躑-躓躕躚躡躥躦躪軀車-軍軏軑軒軔軛軝軟軤軫軲軸-軼軾較-輅輇-輋輒-輕輗輛-輟輥輦輩輪輬輮輯輳輶輸輻輼輾-轀轂轄-轆轉轍轎轔轟轡轢轤辦辭-辯農迴逕這連週進遊運過達違遙遜遞遠遡適遲遶-選遺遼邁還邇邊邏邐郟郵鄆鄉鄒鄔鄖鄧鄩鄭鄰鄲-鄴鄶鄺酇酈醃醖醜醞醟醣醫醬醱醲釀釁釃釅釋釐釒-釕釗-釙針釣釤釦釧釩釴釵釷釹釺釾-鈁鈃-鈅鈇-鈉鈍鈎鈐-鈒鈔鈕鈞鈡鈣鈥-鈧鈮鈰鈳鈴鈷-鈺鈽-鉀鉅鉆鉈-鉋鉍鉑鉕鉗鉚鉛鉝鉞鉢鉤-鉧鉬-鉮鉳鉶-鉸鉺鉻鉿銀銃銅銈銍銑銓銖銘銚-銜銠銣銥銦銨-銬銱銳銶銷銹銻銼鋁鋃鋅鋇鋌鋏鋐鋒鋗鋙鋝鋟鋣-鋦鋨-鋪鋭-鋱鋶鋸鋹鋼錀錁錄錆-錈錏錐錒錕錘-錛錞-錢錤錦錨錩錫錮錯録錳錶錸錼鍀鍁鍃鍅-鍈鍊鍋鍍鍔鍘鍚鍛鍠鍤鍥鍩鍬鍭鍰鍵鍶鍺鍼鍾鎂鎄鎇鎊鎌鎓鎔鎖鎘鎚鎛鎝鎡-鎣鎦鎧鎩鎪鎬-鎮鎰鎲鎳鎵鎶鎸鎿鏃鏇鏈鏌鏍鏏-鏑鏗鏘鏜-鏟鏡鏢鏤鏨鏰鏵鏷鏹-鏻鏽鐃鐄鐇鐋鐍鐏鐐鐒-鐔鐘鐙鐝鐠鐥-鐩鐫鐮鐯鐲鐳鐵鐶鐸鐺鐽鐿鑄鑊鑌鑑鑒鑔鑕鑞鑠鑣鑥鑪鑭鑰-鑲鑷鑹鑼-鑿钁钂長門閂閃閆閈閉開閌閎閏閑-閔閘閡閣-閥閨閩閫-閭閱閲閶閹閻-閿闃闆-闍闐-闖關闞闠-闢闤闥陘陝陞陣陰陳陸陽隉隊階隑隕際隤隨險隮隯隱隴隸隻雋雖雙雛雜雞離難雲電霑霢霧霽靂靄靆靈靉靚靜靝靦靨鞏鞝鞦鞽韁韃韆韉韋-韍韓韙韜-韞韻響頁-頃項-須頊頌-頔頗領頜頠頡頤頦頫頭頮頰頲頴頵頷-頹頻頽顆題-顏顒-顔顗-顙顛類顢顥顧顫顬顯-顱顳顴風颭-颯颱颳颶颸颺-颼飀飄飆飈飛飠飢飣飥飩-飫飭飯飱飲飴飼-飿餃-餅餈-養餌餎餏餑-餓餕-餘餚-餜餞餡館餬餱餳餵-餸餺餼餾餿饁饃饅饈-饌饑饒饗饘饜饞饢馬-馮馱馳馴馹馼駁駃駉駐-駕駘駙駛駝駟駡駢駪駭駰駱駸駼駿騁騂騄騅騊騌-騏騑騖騙騞騠騤騧騫騭騮騰騱騵-騸騾驀-驅驊驌-驏驕驗驚驛驟驢驤-驦驪驫骯髏髒體-髖髮鬆鬍鬚鬢鬥鬧-鬩鬮鬱鬹魎魘魚魛魟魢魨魯魴魷魺鮀鮁鮃鮆鮈鮊鮋鮍鮎鮐-鮓鮚鮜-鮡鮣鮦鮪鮫鮭鮮鮳鮶鮸鮺鯀鯁鯇鯉鯊鯒鯔-鯗鯛鯝鯡鯢鯤鯧鯨鯪鯫鯰鯴鯷鯻鯽鯿鰁-鰃鰆鰈-鰊鰌鰍鰏鰐鰒鰓鰛鰜鰟鰠鰣-鰥鰧-鰩鰭鰮鰱-鰳鰵-鰷鰹-鰼鰾鱀鱂鱅鱇-鱉鱒鱔鱖-鱘鱚鱝鱟鱠鱣鱤鱧鱨鱭鱯鱲鱷鱸鱺鳥鳧鳩鳬鳲-鳴鳶鳾鴆鴇鴉鴒鴕鴛鴝-鴟鴣鴦鴨鴯鴰鴴鴷鴻鴿鵁-鵃鵏-鵓鵜鵝鵟-鵡鵪鵬鵮-鵰鵲鵷鵾鶄鶇鶉鶊鶓鶖鶘鶚鶠鶡鶥鶩鶪鶬鶯鶱鶲鶴鶹-鶼鶿-鷂鷄鷉鷊鷓鷖鷗鷙鷚鷟鷥鷦鷫鷭鷯鷲-鷴鷸-鷺鷽鸂鸇鸊鸌鸏鸑鸕鸘鸚鸛鸝鸞鹵鹹鹺鹼鹽麗麥麩-麬麯麳-麵麼麽黃黌點黨黲黴黶黷黽黿鼂鼉鼕鼴齊齋齎齏齒齔齕齗-齙齜齟-齡齣齦齧齪齬齮齯齲齶齷齼龍龎龐龑龔龕龜鿁鿓豈-嗀塚晴凞-羽蘒諸逸都飯-舘並-龎𠁞𠗣𡃕𡅏𡑍𡑭𡓾𡔖𡞵𡠹𡢃𡮉𡮣𡳳𡻕𡾱𢣚𢶫𢹿𣈶𣙎𣞻𣠩𣠲𣯶𣾷𤁣𤅶𤓩𤪺𤫩𤳸𥊝𥌃𥕥𥖅𥗽𥢢𥸠𥼽𦘧𦣎𦪙𧜗𧜵𧝞𧟀𧩙𧵳𧶧𨊰𨊸𨋢𨤻𨦫𨧀𨧜𨨏𨭆𨭎𨯅𩞯𩠴𩣑𩶘丽-𪘀𰻞";
  var convertible = null;

  /** Whether the query may change once the converter is here (it holds such a character, the converter is not). */
  function mayConvert(raw) {
    if (converterSettled) return false;
    if (!convertible) {
      try {
        convertible = new RegExp("[" + CONVERTIBLE + "]", "u");
      } catch (e) {
        convertible = /[^\x00-\x7f]/;
      }
    }
    return convertible.test(raw);
  }

  /** The converter, fetched first when the query needs it (so that the query is searched converted). */
  function converterFor(raw) {
    return mayConvert(raw) ? loadConverter() : Promise.resolve(converter);
  }

  function warmUp() {
    return loadEngine();
  }

  // ------------------------------------------------------------------ what the reader asked for
  var BRACKETS = /[〔〕[\]()（）【】［］{}｛｝〈〉<>]/g;
  var DOCNO = /^([\u3400-\u9fff]{1,20})\s*[〔[(（【［{｛]?\s*((?:19|20)\d{2})\s*[〕\])）】］}｝]?\s*年?\s*第?\s*(\d{1,5})\s*号$/;

  function compact(text) {
    return (text || "").replace(/\s+/g, "").toLowerCase();
  }
  function docnoKey(text) {
    return compact(text).replace(BRACKETS, "").replace(/第/g, "");
  }
  function toSimplified(text) {
    return converter ? converter(text) : text;
  }

  /** The query as Pagefind should look for it, and what each result must contain. */
  function parseQuery(raw) {
    var text = toSimplified((raw || "").trim().replace(/\s+/g, " "));
    var docno = DOCNO.exec(text.replace(/\s+/g, ""));
    if (docno) {
      return { text: text, engineQuery: docno[1] + " " + docno[2] + " " + docno[3] + "号", docno: docnoKey(text), terms: [] };
    }
    var terms = text.split(" ").filter(Boolean);
    return { text: text, engineQuery: text, docno: null, terms: terms };
  }

  // ------------------------------------------------------------------ checking and ranking a candidate
  var TITLE = 4;
  var DOCNO_TIER = 3;
  var HEADING = 2;
  var BODY = 1;

  function headings(data) {
    return (data.anchors || [])
      .filter(function (a) {
        return /^h[1-6]$/i.test(a.element || "");
      })
      .map(function (a) {
        return compact(a.text);
      });
  }

  /** How well a page matches: 0 if a word of the query is missing, else the sum of each word's best place. */
  function grade(data, query) {
    var meta = data.meta || {};
    var body = compact(data.content);
    if (query.docno) {
      if (meta.docno && docnoKey(meta.docno) === query.docno) return DOCNO_TIER;
      return docnoKey(data.content).indexOf(query.docno) >= 0 ? BODY : 0;
    }
    var title = compact(meta.title);
    var docno = docnoKey(meta.docno);
    var heads = headings(data);
    var total = 0;
    for (var i = 0; i < query.terms.length; i++) {
      var term = compact(query.terms[i]);
      var best = 0;
      if (title.indexOf(term) >= 0) best = TITLE;
      else if (docno && docno.indexOf(docnoKey(term)) >= 0) best = DOCNO_TIER;
      else if (heads.some(function (h) { return h.indexOf(term) >= 0; })) best = HEADING;
      else if (body.indexOf(term) >= 0) best = BODY;
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  /** Checks Pagefind's candidates in batches; `onUpdate(ranked, done)` after each batch. */
  /** Whether two of the words Pagefind matched on the page stand side by side (the query's words in a row). */
  function adjacentWords(r) {
    var words = (r.words || []).slice().sort(function (a, b) { return a - b; });
    for (var i = 1; i < words.length; i++) if (words[i] === words[i - 1] + 1) return true;
    return false;
  }

  /** Candidates to check, in Pagefind's order (r.order, which ranks results of equal grade) except that pages
   *  whose matched words stand side by side are checked first: a query Pagefind splits in two words (课后 服务)
   *  is held as written mostly by those, and the others' text need not be fetched to find the first results. */
  function Ranking(results, query, total) {
    this.total = typeof total === "number" ? total : null; // browsing a first page only (the summary's): all there are
    results.forEach(function (r, i) { r.order = i; });
    this.results = query ? results.filter(adjacentWords).concat(results.filter(function (r) { return !adjacentWords(r); })) : results;
    this.query = query;
    this.checked = 0; // candidates whose text was asked for
    this.settled = 0; // … and has arrived
    this.ranked = [];
  }
  /** Every candidate checked. */
  Ranking.prototype.done = function () {
    return this.settled >= this.results.length;
  };
  /** Check the next batch of candidates; `onEach()` whenever one is known to hold the query (as soon as its
   *  text arrives, not when the whole batch has). */
  Ranking.prototype.next = function (onEach, wanted) {
    var self = this;
    // Browsing (no query), every candidate is a result: exactly those wanted are fetched.
    var size = this.query ? (this.checked ? CHECK_BATCH : FIRST_BATCH) : Math.max(1, wanted - this.ranked.length);
    var batch = this.results.slice(this.checked, this.checked + size);
    this.checked += batch.length;
    return Promise.all(batch.map(function (r) {
      return r.data().then(function (data) {
        self.settled++;
        var score = self.query ? grade(data, self.query) : 1;
        if (score <= 0) return;
        self.ranked.push({ data: data, score: score, order: r.order });
        self.ranked.sort(function (a, b) {
          return b.score - a.score || a.order - b.order;
        });
        if (onEach) onEach();
      });
    })).then(function () {
      return self.ranked;
    });
  };
  /** More candidates (another search's results), those not yet among them. */
  Ranking.prototype.extend = function (results) {
    var known = {};
    this.results.forEach(function (r) { known[r.id] = true; });
    var next = this.results.length;
    this.results = this.results.concat(results.filter(function (r) { return !known[r.id]; }).map(function (r, i) {
      r.order = next + i;
      return r;
    }));
  };

  /** Whether candidates are left unchecked at the limit (and none is on its way). */
  Ranking.prototype.stopped = function () {
    return !this.done() && this.settled === this.checked && this.checked >= this.limit;
  };
  /** Check batches until `wanted` results are known or no candidate is left. */
  Ranking.prototype.fill = function (wanted, onUpdate, isCurrent, limit) {
    var self = this;
    this.limit = limit;
    function step() {
      if (!isCurrent()) return Promise.resolve();
      if (self.ranked.length >= wanted || self.done() || self.checked >= limit) {
        onUpdate(self.ranked);
        return Promise.resolve();
      }
      return self.next(function () {
        if (isCurrent()) onUpdate(self.ranked);
      }, wanted).then(function () {
        if (isCurrent()) onUpdate(self.ranked);
        return step();
      });
    }
    return step();
  };

  // ------------------------------------------------------------------ showing a result (text only, no HTML)
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var SENTENCE_END = /[。！？；!?;\n]/;

  /** Whether the sentence ends at `i`: Chinese end punctuation, or the ". " Pagefind puts after a heading. */
  function endsSentence(content, i) {
    var c = content.charAt(i);
    return SENTENCE_END.test(c) || (c === "." && content.charAt(i + 1) === " ");
  }

  /** The sentence around position `at` of the page's text. */
  function sentenceAt(content, at, length) {
    var start = at;
    while (start > 0 && at - start < 80 && !endsSentence(content, start - 1)) start--;
    var end = at + length;
    while (end < content.length && end - at < 120 && !endsSentence(content, end)) end++;
    if (end < content.length) end++;
    return (start > 0 && !endsSentence(content, start - 1) ? "…" : "") + content.slice(start, end).trim();
  }

  /** The sentence of the page that holds the first word of the query: a sentence of the text rather than a
   *  heading (a heading is the sentence only when the word is nowhere else), and where in it the words stand. */
  function matchingSentence(data, query) {
    var content = data.content || "";
    var words = query ? (query.docno ? [] : query.terms) : [];
    var word = words.filter(function (w) { return content.indexOf(w) >= 0; })[0];
    if (!word) return { text: data.plain_excerpt || "", words: words };
    var first = null;
    for (var at = content.indexOf(word), tries = 0; at >= 0 && tries < 30; at = content.indexOf(word, at + word.length), tries++) {
      var text = sentenceAt(content, at, word.length);
      if (!first) first = text;
      if (text.replace(/^…/, "").length > word.length + 12) return { text: text, words: words };
    }
    return { text: first, words: words };
  }

  function appendMarked(parent, text, words) {
    var pattern = words.filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    if (!pattern) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var parts = text.split(new RegExp("(" + pattern + ")"));
    parts.forEach(function (part, i) {
      if (!part) return;
      parent.appendChild(i % 2 ? el("mark", null, part) : document.createTextNode(part));
    });
  }

  /** The page's URL, at the numbered item or heading that holds the first word when there is one. */
  function resultUrl(data, query) {
    var url = data.url;
    var word = query && !query.docno && query.terms[0] ? compact(query.terms[0]) : "";
    if (!word) return url;
    var anchors = (data.anchors || []).filter(function (a) {
      return a.id && !/^h1$/i.test(a.element || "") && compact(a.text).indexOf(word) >= 0;
    });
    return anchors.length ? url.split("#")[0] + "#" + anchors[0].id : url;
  }

  function resultCard(data, query, compactCard) {
    var meta = data.meta || {};
    var item = el("li", "archive-result");
    var link = el("a", "archive-result__title", meta.title || data.url);
    link.href = resultUrl(data, query);
    item.appendChild(link);
    var facts = el("p", "archive-result__meta");
    [
      ["issuer", "发文机关"],
      ["date", "日期"],
      ["place", "地区"],
      ["docno", "文号"],
    ].forEach(function (field) {
      if (!meta[field[0]]) return;
      var span = el("span", "archive-result__" + field[0], meta[field[0]]);
      span.title = field[1];
      facts.appendChild(span);
    });
    if (facts.childNodes.length) item.appendChild(facts);
    var sentence = matchingSentence(data, query);
    if (sentence.text && !(compactCard && !query)) {
      var excerpt = el("p", "archive-result__excerpt");
      appendMarked(excerpt, sentence.text, sentence.words);
      item.appendChild(excerpt);
    }
    return item;
  }

  // ------------------------------------------------------------------ the header box: results as you type
  function HeaderSearch(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.generation = 0;
    this.panel = el("div", "archive-suggest");
    this.panel.id = "archive-suggest";
    this.panel.hidden = true;
    this.status = el("p", "archive-suggest__status");
    this.status.setAttribute("role", "status");
    this.list = el("ol", "archive-suggest__list");
    this.all = el("a", "archive-suggest__all", "全部结果与筛选 →");
    this.panel.appendChild(this.status);
    this.panel.appendChild(this.list);
    this.panel.appendChild(this.all);
    form.appendChild(this.panel);
    this.input.setAttribute("aria-controls", this.panel.id);
    this.bind();
  }
  HeaderSearch.prototype.bind = function () {
    var self = this;
    var timer = null;
    this.input.addEventListener("focus", warmUp, { once: true });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = self.input.value.trim();
      // The index chunk of the first characters starts loading while the reader is still typing.
      if (value && mayConvert(value)) loadConverter();
      else if (value) loadEngine().then(function (engine) { engine.preload(parseQuery(value).engineQuery); }).catch(function () {});
      timer = setTimeout(function () { self.search(self.input.value); }, 120);
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") self.close();
      if (event.key === "ArrowDown" && !self.panel.hidden) {
        var first = self.list.querySelector("a");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    this.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        self.close();
        self.input.focus();
        return;
      }
      // Arrow keys move between the results (and back up to the box), as in Material's own search.
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(self.panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) self.input.focus();
      else if (next < links.length) links[next].focus();
    });
    document.addEventListener("click", function (event) {
      if (!self.form.contains(event.target)) self.close();
    });
    // "/" or "s" anywhere outside a field goes to the search box, as in Material's own search.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
      event.preventDefault();
      self.form.classList.add("archive-header-search--open");
      self.input.focus();
    });
    // On a narrow screen the box is folded behind the magnifier: a tap opens it (without JavaScript the
    // magnifier is a link to the search page).
    var button = this.form.querySelector(".archive-header-search__button");
    if (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        self.form.classList.add("archive-header-search--open");
        self.input.focus();
      });
    }
  };
  HeaderSearch.prototype.close = function () {
    this.panel.hidden = true;
    this.form.classList.remove("archive-header-search--open");
  };
  HeaderSearch.prototype.search = function (raw) {
    var self = this;
    var generation = ++this.generation;
    var isCurrent = function () { return generation === self.generation; };
    if (!raw.trim()) {
      this.panel.hidden = true;
      return Promise.resolve();
    }
    this.all.href = ROOT + "search/?q=" + encodeURIComponent(raw.trim());
    this.panel.hidden = false;
    if (!this.list.childNodes.length) this.status.textContent = "正在检索…";
    return Promise.all([warmUp(), converterFor(raw)]).then(function (loaded) {
      if (!isCurrent()) return null;
      var query = parseQuery(raw);
      return loaded[0].search(query.engineQuery).then(function (found) {
        if (!isCurrent() || !found) return;
        var ranking = new Ranking(found.results, query);
        self.ranking = ranking;
        return ranking.fill(HEADER_RESULTS, function () { self.show(ranking); }, isCurrent, HEADER_CHECKS);
      });
    }).catch(function () {
      self.status.textContent = UNAVAILABLE;
    });
  };
  HeaderSearch.prototype.show = function (ranking) {
    var ranked = ranking.ranked;
    var query = ranking.query;
    var list = this.list;
    list.textContent = "";
    ranked.slice(0, HEADER_RESULTS).forEach(function (r) {
      list.appendChild(resultCard(r.data, query, true));
    });
    var status;
    if (ranking.done() && ranked.length) status = "找到 " + ranked.length + " 个文件含“" + query.text + "”";
    else if (ranked.length) status = "含“" + query.text + "”的文件：";
    else if ((ranking.done() || ranking.stopped()) && !mayConvert(query.text)) status = "没有文件含“" + query.text + "”" + (ranking.stopped() ? "（已查看前 " + ranking.checked + " 个候选）" : "");
    else status = "正在检索…";
    this.status.textContent = status;
  };


  // ------------------------------------------------------------------ the search page: query, filters, address
  var FILTERS = [
    { key: "年份", param: "year", label: "年份" },
    { key: "省份", param: "province", label: "省份" },
    { key: "城市", param: "city", label: "城市", after: "省份" },
    { key: "区县", param: "county", label: "区县", after: "城市" },
    { key: "主题", param: "topic", label: "主题" },
    { key: "文种", param: "type", label: "文种" },
    { key: "发文机关", param: "issuer", label: "发文机关" },
  ];

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: (params.get("q") || "").trim(), filters: {} };
    FILTERS.forEach(function (f) {
      var value = params.get(f.param);
      if (value) state.filters[f.key] = value;
    });
    return state;
  }

  function writeAddress(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (f) {
      if (state.filters[f.key]) params.set(f.param, state.filters[f.key]);
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) window.history.replaceState(null, "", url);
  }

  function SearchPage(container) {
    this.container = container;
    this.state = readAddress();
    this.generation = 0;
    this.ranking = null;
    this.query = null;
    this.shown = PAGE_RESULTS;
    this.build();
  }
  SearchPage.prototype.build = function () {
    var self = this;
    var form = el("form", "archive-search__form");
    form.setAttribute("aria-label", "检索与筛选");
    var label = el("label", "archive-search__label", "检索词");
    label.htmlFor = "archive-q";
    this.input = el("input", "archive-search__input");
    this.input.type = "search";
    this.input.id = "archive-q";
    this.input.name = "q";
    this.input.placeholder = "输入词语、文号或发文机关";
    this.input.autocomplete = "off";
    this.input.value = this.state.q;
    form.appendChild(label);
    form.appendChild(this.input);
    this.filterBox = el("div", "archive-search__filters");
    form.appendChild(this.filterBox);
    this.selects = {};
    FILTERS.forEach(function (f) {
      var wrap = el("div", "archive-filter");
      var id = "archive-filter-" + f.param;
      var name = el("label", "archive-filter__label", f.label);
      name.htmlFor = id;
      var select = el("select", "archive-filter__select");
      select.id = id;
      select.name = f.param;
      select.setAttribute("data-filter", f.key);
      select.addEventListener("change", function () {
        self.state.filters[f.key] = select.value || undefined;
        // A narrower place belongs to the wider one: choosing another province clears the city and county.
        FILTERS.forEach(function (g) {
          if (g.after && !self.state.filters[g.after]) delete self.state.filters[g.key];
        });
        if (f.key === "省份") delete self.state.filters["城市"];
        if (f.key === "省份" || f.key === "城市") delete self.state.filters["区县"];
        self.showNarrowerPlace(f.key);
        self.run();
      });
      // The summary lists a filter's most frequent values only when it has very many: all of them when opened.
      select.addEventListener("focus", function () {
        if (self.filtersFrom === "summary" && self.summary && (self.summary.truncated || []).indexOf(f.key) >= 0) self.filtersFromCatalog();
      });
      wrap.appendChild(name);
      wrap.appendChild(select);
      self.filterBox.appendChild(wrap);
      self.selects[f.key] = { select: select, wrap: wrap, filter: f };
    });
    var reset = el("button", "archive-search__reset", "清除筛选");
    reset.type = "button";
    reset.addEventListener("click", function () {
      self.state.filters = {};
      self.run();
    });
    this.filterBox.appendChild(reset);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.state.q = self.input.value.trim();
      self.run();
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.state.q = self.input.value.trim();
        self.run();
      }, 150);
    });
    this.status = el("p", "archive-search__status");
    this.status.setAttribute("role", "status");
    this.list = el("ol", "archive-results");
    this.more = el("button", "archive-results__more", "更多结果");
    this.more.type = "button";
    this.more.hidden = true;
    this.more.addEventListener("click", function () {
      self.shown += PAGE_RESULTS;
      self.checks += PAGE_CHECKS;
      self.more.hidden = true;
      self.status.textContent = "正在检索…";
      if (self.ranking && self.ranking.total !== null) self.browseFurther();
      else self.fill();
    });
    this.container.textContent = "";
    this.container.appendChild(form);
    this.container.appendChild(this.status);
    this.container.appendChild(this.list);
    this.container.appendChild(this.more);
    // Pagefind splits a page's Chinese into words when it indexes it; where it split a phrase differently
    // (学校课|后服务), the phrase is not among its candidates. On request, the pages with a word beginning with
    // one of the query's characters are checked too, those with most of them first.
    this.wider = el("button", "archive-results__wider", "在更多文件中查找");
    this.wider.type = "button";
    this.wider.hidden = true;
    this.wider.addEventListener("click", function () { self.widen(); });
    this.container.appendChild(this.wider);
    var headerInput = document.getElementById("archive-header-q");
    if (headerInput && this.state.q) headerInput.value = this.state.q;
    if (!this.state.q) this.input.focus();
    this.status.textContent = "正在载入检索索引…";
    this.run();
    // The reader is here to search: the engine loads while the list is browsed (errors show when searching).
    warmUp().catch(function () {});
  };
  SearchPage.prototype.activeFilters = function () {
    var out = {};
    var filters = this.state.filters;
    Object.keys(filters).forEach(function (key) {
      if (filters[key]) out[key] = filters[key];
    });
    return out;
  };
  SearchPage.prototype.run = function () {
    var self = this;
    var generation = ++this.generation;
    var state = this.state;
    writeAddress(state);
    this.shown = PAGE_RESULTS;
    this.checks = PAGE_CHECKS;
    this.widened = false;
    var isCurrent = function () { return generation === self.generation; };
    var query = null;
    var chosen = this.activeFilters();
    // Without a filter the summary is enough to browse (its first page) and to offer the filters; a chosen filter
    // needs the catalog. A query needs the engine too, and the converter if it may be Traditional (all fetched
    // side by side).
    var bySummary = Object.keys(chosen).length === 0 && !this.noSummary;
    return Promise.all([
      state.q ? warmUp() : null,
      bySummary ? loadSummary() : loadCatalog(),
      state.q ? converterFor(state.q) : null,
    ]).then(function (loaded) {
      if (!isCurrent()) return null;
      query = state.q ? parseQuery(state.q) : null;
      var engine = loaded[0];
      var summary = bySummary ? loaded[1] : null;
      if (summary) {
        self.summary = summary;
        if (!query) return { results: summary.results, total: summary.pages, counts: summary.counts, from: "summary" };
        // The results' own filter values are read once the first results are shown (filtersFromCatalog).
        return engine.search(query.engineQuery).then(function (found) {
          return found && { results: found.results, counts: summary.counts, from: "summary" };
        });
      }
      return (bySummary ? loadCatalog() : Promise.resolve(loaded[1])).then(function (catalog) {
        if (!isCurrent()) return null;
        if (!catalog) return self.runWithPagefind(query, isCurrent);
        if (!query) {
          var pages = catalog.browse(chosen);
          return { results: pages, counts: catalog.counts(pages), from: "catalog" };
        }
        return engine.search(query.engineQuery).then(function (found) {
          if (!found) return null;
          var results = catalog.narrow(found.results, chosen);
          return { results: results, counts: catalog.counts(results), from: "catalog" };
        });
      });
    }).then(function (found) {
      if (!isCurrent() || !found) return;
      self.query = query;
      self.ranking = new Ranking(found.results, query, found.total);
      self.filtersFrom = found.from || "pagefind";
      self.showFilters(found.counts, !query);
      self.list.textContent = "";
      return self.fill().then(function () {
        // A query's results offer the filter values they hold (as without the summary), read once they are shown.
        if (query && self.filtersFrom === "summary" && isCurrent()) return self.filtersFromCatalog();
      });
    }).catch(function () {
      self.status.textContent = UNAVAILABLE;
    });
  };
  /** The list without a query beyond the summary's first page: the catalog's whole list (the summary's documents
   *  first, their cards already here), or Pagefind's where the catalog cannot be read. */
  SearchPage.prototype.browseFurther = function () {
    var self = this;
    var generation = this.generation;
    var shown = this.shown;
    var chosen = this.activeFilters();
    return loadCatalog().then(function (catalog) {
      if (generation !== self.generation) return;
      if (!catalog) {
        self.noSummary = true;
        return self.run().then(function () {
          self.shown = shown;
          return self.fill();
        });
      }
      var pages = catalog.browse(chosen);
      self.ranking = new Ranking(pages, null);
      self.filtersFrom = "catalog";
      self.showFilters(catalog.counts(pages), true);
      return self.fill();
    }).catch(function () {
      self.status.textContent = UNAVAILABLE;
    });
  };
  /** The selects from the catalog where they were filled from the summary: a query's results' own values, or every
   *  value of a filter the summary lists only in part. */
  SearchPage.prototype.filtersFromCatalog = function () {
    var self = this;
    var generation = this.generation;
    var ranking = this.ranking;
    var query = this.query;
    return loadCatalog().then(function (catalog) {
      if (!catalog || generation !== self.generation || self.filtersFrom !== "summary") return;
      var results = query ? catalog.narrow(ranking.results, {}) : catalog.browse({});
      self.filtersFrom = "catalog";
      self.showFilters(catalog.counts(results), !query);
    }).catch(function () {});
  };
  /** While a chosen place's documents load, its cities (or counties) from the summary in the narrower select. */
  SearchPage.prototype.showNarrowerPlace = function (key) {
    var summary = this.summary;
    var filters = this.state.filters;
    if (!summary || !filters["省份"] || (key !== "省份" && key !== "城市") || (key === "城市" && !filters["城市"])) return;
    var narrower = key === "省份" ? "城市" : "区县";
    var values = key === "省份" ? summaryPlaces(summary, filters["省份"]) : summaryPlaces(summary, filters["省份"], filters["城市"]);
    var entry = this.selects[narrower];
    var select = entry.select;
    select.textContent = "";
    var all = el("option", null, "全部");
    all.value = "";
    select.appendChild(all);
    Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "zh"); }).forEach(function (v) {
      var option = el("option", null, v);
      option.value = v;
      select.appendChild(option);
    });
    select.value = "";
    entry.wrap.hidden = Object.keys(values).length === 0;
  };
  /** Browsing and filtering with Pagefind alone, where the catalog cannot be read: every filter's values once
   *  (Pagefind reports counts only for the filters it has loaded), then a search with the filters; a null search
   *  (no query) fetches the whole word index. Resolves to the results, their filter counts kept for showFilters. */
  SearchPage.prototype.runWithPagefind = function (query, isCurrent) {
    var self = this;
    return warmUp().then(function (engine) {
      if (!self.allFilters) self.allFilters = engine.filters();
      return self.allFilters.then(function () { return engine; });
    }).then(function (engine) {
      if (!isCurrent()) return null;
      var options = { filters: self.activeFilters() };
      if (!query) options.sort = { date: "desc" };
      return engine.search(query ? query.engineQuery : null, options).then(function (found) {
        return found && { results: found.results, counts: found.filters || {} };
      });
    });
  };
  SearchPage.prototype.fill = function () {
    var self = this;
    var generation = this.generation;
    var ranking = this.ranking;
    return ranking.fill(
      this.shown,
      function () { self.show(); },
      function () { return generation === self.generation; },
      this.checks
    );
  };
  SearchPage.prototype.show = function () {
    var ranking = this.ranking;
    var query = this.query;
    var ranked = ranking.ranked;
    var list = this.list;
    list.textContent = "";
    ranked.slice(0, this.shown).forEach(function (r) {
      list.appendChild(resultCard(r.data, query, false));
    });
    var done = ranking.done();
    var stopped = ranking.stopped();
    var status;
    if (!query) {
      // Browsing: every candidate is a result, their number is known.
      var filtered = Object.keys(this.activeFilters()).length > 0;
      var total = ranking.total !== null ? ranking.total : ranking.results.length;
      status = total ? (filtered ? "符合筛选条件的文件 " : "全部文件 ") + total + " 个，按日期排列" : "没有符合筛选条件的文件";
      if (ranked.length < Math.min(this.shown, total)) status = "正在载入…";
      this.more.hidden = ranked.length >= total;
    } else if (done && !ranked.length) {
      status = mayConvert(query.text) ? "正在检索…" : "没有文件含“" + query.text + "”";
      this.more.hidden = true;
    } else if (done) {
      status = "找到 " + ranked.length + " 个含“" + query.text + "”的文件";
      this.more.hidden = ranked.length <= this.shown;
    } else if (stopped || ranked.length >= this.shown) {
      // Candidates are left: the count is a floor, and "more" checks further.
      status = "找到 " + ranked.length + " 个以上含“" + query.text + "”的文件（已查看 " + ranking.checked + " / " + ranking.results.length + " 个候选）";
      this.more.hidden = false;
    } else {
      status = "正在检索… 已找到 " + ranked.length + " 个";
      this.more.hidden = true;
    }
    this.status.textContent = status;
    this.wider.hidden = !(query && done && !this.widened && /[\u3400-\u9fff]{2}/.test(query.text));
  };
  SearchPage.prototype.widen = function () {
    var self = this;
    var ranking = this.ranking;
    var query = this.query;
    var generation = this.generation;
    this.widened = true;
    this.wider.hidden = true;
    this.status.textContent = "正在检索…";
    var characters = Array.from(new Set(query.text.replace(/[^\u3400-\u9fff]/g, "").split(""))).slice(0, 8);
    var chosen = this.activeFilters();
    return Promise.all([loadEngine(), loadCatalog()]).then(function (loaded) {
      var engine = loaded[0];
      var catalog = loaded[1];
      return Promise.all(characters.map(function (c) {
        if (!catalog) return engine.search(c, { filters: chosen });
        return engine.search(c).then(function (f) {
          return f && { results: catalog.narrow(f.results, chosen) };
        });
      }));
    }).then(function (found) {
      if (generation !== self.generation) return;
      // Every page with a word beginning with one of the characters, those with more of them first.
      var hits = {};
      var order = [];
      found.forEach(function (f) {
        (f ? f.results : []).forEach(function (r) {
          if (!hits[r.id]) {
            hits[r.id] = { result: r, count: 0 };
            order.push(r.id);
          }
          hits[r.id].count++;
        });
      });
      ranking.extend(order.map(function (id, i) { return { entry: hits[id], i: i }; }).sort(function (a, b) {
        return b.entry.count - a.entry.count || a.i - b.i;
      }).map(function (x) { return x.entry.result; }));
      self.checks = ranking.checked + PAGE_CHECKS;
      return self.fill();
    });
  };
  SearchPage.prototype.showFilters = function (counts, withCounts) {
    var state = this.state;
    var selects = this.selects;
    FILTERS.forEach(function (f) {
      var entry = selects[f.key];
      var chosen = state.filters[f.key] || "";
      var values = Object.keys(counts[f.key] || {}).filter(function (v) {
        return counts[f.key][v] > 0 || v === chosen;
      });
      if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
      values.sort(function (a, b) {
        if (f.key === "年份") return b.localeCompare(a);
        return (counts[f.key][b] || 0) - (counts[f.key][a] || 0) || a.localeCompare(b, "zh");
      });
      var select = entry.select;
      select.textContent = "";
      var all = el("option", null, "全部");
      all.value = "";
      select.appendChild(all);
      values.forEach(function (v) {
        var option = el("option", null, withCounts && counts[f.key][v] ? v + "（" + counts[f.key][v] + "）" : v);
        option.value = v;
        select.appendChild(option);
      });
      select.value = chosen;
      // 城市 once a province is chosen, 区县 once a city is: the places nest as the reader narrows down.
      entry.wrap.hidden = (f.after && !state.filters[f.after]) || values.length === 0;
    });
  };

  // ------------------------------------------------------------------ start
  // Printing a document prints its whole card: the folded part is opened first.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.archive-card__more").forEach(function (details) {
      details.open = true;
    });
  });

  function start() {
    var form = document.querySelector(".archive-header-search");
    if (form && form.querySelector("input[type=search]")) window.archiveHeaderSearch = new HeaderSearch(form);
    var container = document.getElementById("archive-search") || document.getElementById("search");
    if (container) {
      container.classList.add("archive-search");
      window.archiveSearch = new SearchPage(container);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
