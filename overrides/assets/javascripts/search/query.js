/* What the reader asked for, and how well a document holds it: pure functions.
 *
 * Pagefind matches a Chinese query by its characters, so a page with 双 and 减 far apart matches 双减. Each
 * candidate's text is therefore checked: a result must contain every word of the query as written (after
 * Traditional → Simplified conversion with the vendored opencc-js, converter.js), and results are ranked by where the
 * words stand: title, then 文号, then headings, then the text. A 文号 may be typed with 〔〕, [], (), 【】 or without
 * brackets.
 */

/** The characters a query must hold for the t2s conversion to change it: each character that the tables
 *  convert, and for each phrase they convert that holds none of those, one of its characters. Generated from the
 *  vendored t2cn.js (tests/test_site_browser.py, test_the_converter_is_fetched_only_for_traditional_text, checks
 *  it and prints it again when the tables change). */
export var CONVERTIBLE = "㑯㑳㑶㓨㗲㘚㜄㜏㜢㠏㠣㥮㩜㩳㩵㺏䁪䁻䃮䊷䋙䋚䋹䋻䍦䎱䓣䙡䜀䝼䡵䥇䥑䥕䥱䦛䦟䧢䮄䯀䰾䱷䱽䲁䲘䴉丟並乾亂亙亞佇佈佔併來侖侶侷俁係俔俠俥俬倀倆倈倉個們倖倫倲偉偑側偵偽傌傑傖傘備傢傭傯傳-債傷傾僂僅僉僑僕僞僤僥僨僱價儀-儂億儈儉儎儐儔儕儘償優儲儷儸儺-儼兇兌兒兗內兩冊冑冪凈凍凜凱別刪剄則剋剎剗剛剝剮剴創剷劃劄劇劉劊劌劍劏劑劚勁動務勛勝勞勢勣勩勱勳勵勸勻匭匯匱區協卹卻卽厙厠厤厭厲厴參叄叢吒吳吶呂咼員哩唄唸問啓啞啟啢喎喚喪-喬單喲嗆嗇嗊嗎嗚嗩嗰嗶嘆嘍嘓嘔嘖嘗嘜嘩嘮-嘰嘵嘸嘽噁噓噚噝噠噥噦噯噲噴噸噹嚀嚇嚌嚐嚕嚙嚥-嚨嚮嚲-嚴嚶囀-囂囅囈囉囌囑囪圇國圍園圓圖團坏垻埡埨埰執堅堊堖堝堯報場塊塋塏塒塗塚塢塤塵塸塹塿墊墜墠墮墰墳墶墻墾壇壋壎壓壗-壚壜壞-壠壢壩壪壯壺壼壽夠夢夥夾奐奧奩奪奬奮奼妝姍姦娙娛婁婦婭媧媯媰媼媽嫋嫗嫵嫺嫻嫿嬀嬃嬈嬋嬌嬙嬡嬤嬪嬰嬸孃孋孌孫學孻孿宮寀寢實寧審寫寬寵寶將專尋對導尷屆屍屓屜屢層屨屬岡峯峴島峽崍崑崗崙崢崬嵐嵗嵽嵾嶁嶄嶇嶔嶗嶠嶢嶧嶨嶮嶸嶺嶼嶽巋巒巔巖巘巰巹帥師帳帶幀幃幓幗幘幟幣幫幬幷幹幾庫廁廂廄廈廎廕廚廝-廣廩廬廳弒弔弳張強彄彆彈彌彎彔彙彠彥彫彲彿後徑得從徠復徵徹恆恥悅悞悵悶悽惡惱惲惻愛愜愨愴愷愾慄態慍慘慚慟慣慤慪慫慮慳慶慺慼慾憂憊憐-憒憖憚憤憫憮憲憶懇應懌懍懞懟懣懤懨懲懶-懸懺懼懾戀戇戔戧戩戰-戲戶扞拋拚挩挱挾捨捫捱捲掃掄掆掗掙掛採揀揚換揮揯損搖搗搧搵搶摑摜摟摯摳摶摺摻撈撏撐撓撝撟撣撥撫撲撳撻撾撿擁擄擇擊擋擓擔據擠擡擣擬擯-擲擴擷擺-擾攄攆攏攔攖攙攛-攝攢-攤攪攬敎敓敗敘敵數斂斃斆斕斬斷於旂旣昇時晉晛晝暈暉暐暘暢暫曄曆曇曉曏曖曠曥曨曬書會朥朧朮東枴柵柺査桱桿梔梘梜條梟梲棄棊棖棗棟棡棧棲棶椏椲楊楓楨業極榘榦榪榮榲榿構槍槓槤槧槨槮槳槶槼樁樂樅樑樓標樞樢樣樧樫樳樸-樺樿橈橋機橢橫橯檁檉檔檜檟檢檣檮檯檳檸檻櫃櫍櫓櫚櫛櫝-櫟櫥櫧櫨櫪-櫬櫱櫳櫸櫻欄欅權欏欒欓欖欞欽歎歐歟歡歲歷歸歿殘殞殤殨殫殭-殰殲殺-殼毀毆毿氂氈氌氣氫氬氳氾汎汙決沈沒沖況泝洩洶浹浿涇涗涼淒淚淥淨-淪淵淶淺渙減渢渦測渾湊湋湞湧湯溈準溝溫溮溳溼滄滅滌滎滙滬滯滲滷滸滻滾滿漁漊漍漚漢漣漬漲漵漸漿潁潑潔潕潙-潛潤潯潰潷潿澀澆澇澐澗澠澤澦澩澫澮澱澾濁濃濄濆濕濘濚-濜濟濤濧濫濰濱濺濼濾瀂瀅-瀇瀉瀋瀏瀕瀘瀝瀟瀠瀦-瀨瀰瀲瀾灃灄灑灒灕灘灙灝灡灣灤灧灩災為烏烴無煉煒煙煢煥煩煬煱熅熒熗熰-熲熾燀燁燈燉燒燖燙燜營燦燬燭燴燶燻燼燾爍爐爛爭爲爺爾牀牆牘牴牽犖犛犢犧狀狹狽猙猶猻獁獃-獅獎獨獪獫獮獰-獲獵獷獸獺-獼玀現琱琺琿瑋瑒瑣瑤瑩瑪瑲璉璊璕璗璡璣璦璫璯環璵璸璽璿瓅瓊瓏瓔瓚瓛甌甕產産甦畝畢畫異畵當疇疊痙痠痾瘂瘋瘍瘓瘞瘡瘧瘮瘲瘺瘻療癆癇癉癒癘癟癡癢癤癥癧癩癬-癮癰-癲發皁皚皰皸皺盃盜盞盡監盤盧盪眞眥眾睍睏睜睞瞘瞜瞞瞭瞶瞼矇矓矚矯硃硜硤硨硯碕碩碭碸確碼碽磑磚磠磣磧磯磽磾礄礎礐礙礦礪-礬礱祕祿禍禎禕禡禦禪禮禰禱禿秈稅稈稏稜稟種稱穀穇穌-穎穠-穢穩穫穭窩窪窮窯窵窶窺竄竅竇竈竊竪競筆筍筧筴箇箋箏箚節範築篋篔篠篢篤篩篳篸簀簍簑簞簡簣簫簹簽簾籃籅籌籔籙籛籜籟籠籤籩籪籬籮籲粵糉糝糞糧糰糲糴糶糹糾紀紂-紉紋納紐紓-紞紡紬紮細-紳紵紹紺紼紿絀終-絆絎結絕絛絝絞絡絢給絨絪絰-絳絶絹絺綁綃綄綆綈綉綌綎-綑經綖綜-綞綠-綣綧綪-維綯-綵綸-綻綽-綿緄緇緊緋緑-緔緗-線緝緞締緡緣緦編緩緬緯緱緲練緶緹緻緼縈-縋縐縑縕縗縛縝-縟縣縧縫縭-縯縱-縷縹總績繃繅繆繒織繕繚繞繡繢繩-繫繭-繰繳繶繸繹繻-繿纁纆-纈纊續纍纏纓-纖纘纜缽罃罈罌罎罰罵罷羅羆羈羋羣羥羨義羶習翫翬翹翽耬耮聖聞聯聰聲聳聵-職聹聽聾肅脅脈脛脣脩脫脹腎腖腡腦腫腳腸膃膕膚膞膠膢膩膽-膿臉臍臏臘臚臟臠臢臥臨臺與-舊舖舘艙艤艦艫艱艷芻苧茲荊莊莖莢莧華菴菸萇萊萬萴萵葉葒葤葦葯葷蒍蒐蒓-蒕蒞蒼蓀蓆蓋蓮蓯蓴蓽蔄蔔蔘蔞蔣蔥蔦蔭蔯蔿蕁蕆蕎蕒蕓蕕蕘蕢蕩蕪蕭蕷薀薈薊薌薑薔薘薟薦薩薳-薵薹薺藉藍藎藝藥藪藭藴藶藹藺蘀蘄蘆蘇蘊蘋蘚蘞蘟蘢蘭蘺蘿虆虉處虛虜號虧虯蛺蛻蜆蝀蝕蝟蝦蝨蝸螄螞螢螮螻螿蟄蟈蟎蟣蟬蟯蟲蟳蟶蟻蠁蠅蠆蠍蠐蠑蠔蠟蠣蠨蠱蠶蠻衆衊術衕衚衛衝袞袷裊裏補裝裡製複褌褘褲褳褸褻襀襇襉襏襖襝襠襤襪襬襯襲襴覆覈見覎規覓視覘覡覥覦親覬覯覲覷覺覽覿觀觴觶觸訁-訃計訊訌討-訐訒訓訕-記訛訝訟訢訣訥訩訪設許訴訶診-証詀詁詆詎詐詒詔-詘詛詝詞詠-詣試詩-詮詰-詳詵詷詼詿誄-誇誌認誑誒誕誘誚語誠誡誣-誦誨說説誰課誶誹誼誾調諂諄談諉請諍諏諑-諓論諗諛-諟諡諢諤諦諧諫諭諮諱-諴諶-諸諺諼諾謀-謂謄謅謊謎-謐謔謖謗謙-講謝謠謡謨謫-謭謳謹謾譁證譎譏譓譖識-譚譜譞譟譫譭譯議譴護譸譽譾讀讅變-讌讎讒讓讕讖讚讜讞谿豈豎豐豔豬豶貍貓貙貝-貢貧-責貯貰貲-貴貶-貸貺-貽貿-賅資賈賊賑-賓賕賙賚賜賞賠-賤賦賧質-賭賰賴賵賺-賾贄贅贇贈贊贋贍贏贐贓贔贖贗贛贜赬趕趙趨趲跡踐踰踴蹌蹕蹟蹠蹣蹤蹺躂躉-躋躍躎躑-躓躕躚躡躥躦躪軀車-軍軏軑軒軔軛軝軟軤軫軲軸-軼軾較-輅輇-輋輒-輕輗輛-輟輥輦輩輪輬輮輯輳輶輸輻輼輾-轀轂轄-轆轉轍轎轔轟轡轢轤辦辭-辯農迴逕這連週進遊運過達違遙遜遞遠遡適遲遶-選遺遼邁還邇邊邏邐郟郵鄆鄉鄒鄔鄖鄧鄩鄭鄰鄲-鄴鄶鄺酇酈醃醖醜醞醟醣醫醬醱醲釀釁釃釅釋釐釒-釕釗-釙針釣釤釦釧釩釴釵釷釹釺釾-鈁鈃-鈅鈇-鈉鈍鈎鈐-鈒鈔鈕鈞鈡鈣鈥-鈧鈮鈰鈳鈴鈷-鈺鈽-鉀鉅鉆鉈-鉋鉍鉑鉕鉗鉚鉛鉝鉞鉢鉤-鉧鉬-鉮鉳鉶-鉸鉺鉻鉿銀銃銅銈銍銑銓銖銘銚-銜銠銣銥銦銨-銬銱銳銶銷銹銻銼鋁鋃鋅鋇鋌鋏鋐鋒鋗鋙鋝鋟鋣-鋦鋨-鋪鋭-鋱鋶鋸鋹鋼錀錁錄錆-錈錏錐錒錕錘-錛錞-錢錤錦錨錩錫錮錯録錳錶錸錼鍀鍁鍃鍅-鍈鍊鍋鍍鍔鍘鍚鍛鍠鍤鍥鍩鍬鍭鍰鍵鍶鍺鍼鍾鎂鎄鎇鎊鎌鎓鎔鎖鎘鎚鎛鎝鎡-鎣鎦鎧鎩鎪鎬-鎮鎰鎲鎳鎵鎶鎸鎿鏃鏇鏈鏌鏍鏏-鏑鏗鏘鏜-鏟鏡鏢鏤鏨鏰鏵鏷鏹-鏻鏽鐃鐄鐇鐋鐍鐏鐐鐒-鐔鐘鐙鐝鐠鐥-鐩鐫鐮鐯鐲鐳鐵鐶鐸鐺鐽鐿鑄鑊鑌鑑鑒鑔鑕鑞鑠鑣鑥鑪鑭鑰-鑲鑷鑹鑼-鑿钁钂長門閂閃閆閈閉開閌閎閏閑-閔閘閡閣-閥閨閩閫-閭閱閲閶閹閻-閿闃闆-闍闐-闖關闞闠-闢闤闥陘陝陞陣陰陳陸陽隉隊階隑隕際隤隨險隮隯隱隴隸隻雋雖雙雛雜雞離難雲電霑霢霧霽靂靄靆靈靉靚靜靝靦靨鞏鞝鞦鞽韁韃韆韉韋-韍韓韙韜-韞韻響頁-頃項-須頊頌-頔頗領頜頠頡頤頦頫頭頮頰頲頴頵頷-頹頻頽顆題-顏顒-顔顗-顙顛類顢顥顧顫顬顯-顱顳顴風颭-颯颱颳颶颸颺-颼飀飄飆飈飛飠飢飣飥飩-飫飭飯飱飲飴飼-飿餃-餅餈-養餌餎餏餑-餓餕-餘餚-餜餞餡館餬餱餳餵-餸餺餼餾餿饁饃饅饈-饌饑饒饗饘饜饞饢馬-馮馱馳馴馹馼駁駃駉駐-駕駘駙駛駝駟駡駢駪駭駰駱駸駼駿騁騂騄騅騊騌-騏騑騖騙騞騠騤騧騫騭騮騰騱騵-騸騾驀-驅驊驌-驏驕驗驚驛驟驢驤-驦驪驫骯髏髒體-髖髮鬆鬍鬚鬢鬥鬧-鬩鬮鬱鬹魎魘魚魛魟魢魨魯魴魷魺鮀鮁鮃鮆鮈鮊鮋鮍鮎鮐-鮓鮚鮜-鮡鮣鮦鮪鮫鮭鮮鮳鮶鮸鮺鯀鯁鯇鯉鯊鯒鯔-鯗鯛鯝鯡鯢鯤鯧鯨鯪鯫鯰鯴鯷鯻鯽鯿鰁-鰃鰆鰈-鰊鰌鰍鰏鰐鰒鰓鰛鰜鰟鰠鰣-鰥鰧-鰩鰭鰮鰱-鰳鰵-鰷鰹-鰼鰾鱀鱂鱅鱇-鱉鱒鱔鱖-鱘鱚鱝鱟鱠鱣鱤鱧鱨鱭鱯鱲鱷鱸鱺鳥鳧鳩鳬鳲-鳴鳶鳾鴆鴇鴉鴒鴕鴛鴝-鴟鴣鴦鴨鴯鴰鴴鴷鴻鴿鵁-鵃鵏-鵓鵜鵝鵟-鵡鵪鵬鵮-鵰鵲鵷鵾鶄鶇鶉鶊鶓鶖鶘鶚鶠鶡鶥鶩鶪鶬鶯鶱鶲鶴鶹-鶼鶿-鷂鷄鷉鷊鷓鷖鷗鷙鷚鷟鷥鷦鷫鷭鷯鷲-鷴鷸-鷺鷽鸂鸇鸊鸌鸏鸑鸕鸘鸚鸛鸝鸞鹵鹹鹺鹼鹽麗麥麩-麬麯麳-麵麼麽黃黌點黨黲黴黶黷黽黿鼂鼉鼕鼴齊齋齎齏齒齔齕齗-齙齜齟-齡齣齦齧齪齬齮齯齲齶齷齼龍龎龐龑龔龕龜鿁鿓豈-嗀塚晴凞-羽蘒諸逸都飯-舘並-龎𠁞𠗣𡃕𡅏𡑍𡑭𡓾𡔖𡞵𡠹𡢃𡮉𡮣𡳳𡻕𡾱𢣚𢶫𢹿𣈶𣙎𣞻𣠩𣠲𣯶𣾷𤁣𤅶𤓩𤪺𤫩𤳸𥊝𥌃𥕥𥖅𥗽𥢢𥸠𥼽𦘧𦣎𦪙𧜗𧜵𧝞𧟀𧩙𧵳𧶧𨊰𨊸𨋢𨤻𨦫𨧀𨧜𨨏𨭆𨭎𨯅𩞯𩠴𩣑𩶘丽-𪘀𰻞";
var convertible = null;

/** Whether the text holds a character the t2s conversion may change. */
export function holdsConvertible(text) {
  if (!convertible) {
    try {
      convertible = new RegExp("[" + CONVERTIBLE + "]", "u");
    } catch (e) {
      convertible = /[^\x00-\x7f]/;
    }
  }
  return convertible.test(text);
}

var BRACKETS = /[〔〕[\]()（）【】［］{}｛｝〈〉<>]/g;
var DOCNO = /^([\u3400-\u9fff]{1,20})\s*[〔[(（【［{｛]?\s*((?:19|20)\d{2})\s*[〕\])）】］}｝]?\s*年?\s*第?\s*(\d{1,5})\s*号$/;

/** Text without white space, lower case. */
export function compact(text) {
  return (text || "").replace(/\s+/g, "").toLowerCase();
}

/** A 文号 as it is compared: compact, without brackets and 第. */
export function docnoKey(text) {
  return compact(text).replace(BRACKETS, "").replace(/第/g, "");
}

/** The query as Pagefind should look for it, and what each result must contain: {text, engineQuery, docno (its
 *  key, for a query that is a 文号), terms}. `convert` is Traditional → Simplified where it is known. */
export function parseQuery(raw, convert) {
  var text = (raw || "").trim().replace(/\s+/g, " ");
  if (convert) text = convert(text);
  var docno = DOCNO.exec(text.replace(/\s+/g, ""));
  if (docno) {
    return { text: text, engineQuery: docno[1] + " " + docno[2] + " " + docno[3] + "号", docno: docnoKey(text), terms: [] };
  }
  var terms = text.split(" ").filter(Boolean);
  return { text: text, engineQuery: text, docno: null, terms: terms };
}

// Where a word of the query stands, best first.
export var TITLE = 4;
export var DOCNO_TIER = 3;
export var HEADING = 2;
export var BODY = 1;

function headings(data) {
  return (data.anchors || [])
    .filter(function (a) {
      return /^h[1-6]$/i.test(a.element || "");
    })
    .map(function (a) {
      return compact(a.text);
    });
}

/** How well a page (Pagefind's result data) matches: 0 if a word of the query is missing, else the sum of each
 *  word's best place. */
export function grade(data, query) {
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

/** Whether two of the words Pagefind matched on the page (r.words, their positions) stand side by side (the
 *  query's words in a row). */
export function adjacentWords(r) {
  var words = (r.words || []).slice().sort(function (a, b) { return a - b; });
  for (var i = 1; i < words.length; i++) if (words[i] === words[i - 1] + 1) return true;
  return false;
}
