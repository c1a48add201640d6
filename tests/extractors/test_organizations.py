"""Organization mentions: named bodies, region-prefixed names, relative names, department words."""
from __future__ import annotations

import json

import pytest
import spacy

from extractors.organizations import (
    collect_organizations,
    find_organizations,
    local_name,
)


def names(text: str, home: str | None = None) -> list[str]:
    return [h.name for h in find_organizations(text, home)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # alias table
        ("国家卫健委印发《关于做好2025年基本公共卫生服务工作的通知》", ["国家卫生健康委员会"]),
        ("由国家中医药局、国家数据局联合印发", ["国家中医药管理局", "国家数据局"]),
        ("反映行政事业单位按人社部、财政部规定的基本工资和津贴", ["人力资源和社会保障部", "财政部"]),
        ("由中华人民共和国公安部统一制定式样", ["公安部"]),
        ("符合《国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于聚焦一线…的通知》",
         ["国务院应对新型冠状病毒感染肺炎疫情联防联控机制"]),
        # joint lists and 等部门
        ("国家卫生健康委、财政部、国家中医药局、国家疾控局等部门联合印发",
         ["国家卫生健康委员会", "财政部", "国家中医药管理局", "国家疾病预防控制局"]),
        # a body's unit
        ("国（境）外取得的学历须将教育部留学服务中心出具的国（境）外学历学位认证书上传", ["教育部留学服务中心"]),
    ],
)
def test_named_bodies(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("九江市浔阳区政务服务管理局 2025 年部门预算", ["九江市浔阳区政务服务管理局"]),
        ("郴州市人民政府办公室\n关于全面放开养老服务市场提升养老服务质量的实施意见", ["郴州市人民政府办公室"]),
        ("2017年7月成立深圳市龙岗中心医院集团，系龙岗区首家医院集团", ["深圳市龙岗中心医院集团"]),
        ("四川省卫生健康委\n四川省卫生高级职称评审委员会", ["四川省卫生健康委员会", "四川省卫生高级职称评审委员会"]),
        ("浔阳区政务服务管理局负责", ["九江市浔阳区政务服务管理局"]),
        ("浙江省第十二届人民代表大会常务委员会第十次会议通过", ["浙江省人民代表大会常务委员会"]),
        ("郴州市发改委牵头", ["郴州市发展和改革委员会"]),
        ("杭州市十二届人民代表大会常务委员会", ["杭州市人民代表大会常务委员会"]),
        ("由卫生部会同国家医药管理局制定", ["卫生部"]),
        ("国家药品监督管理局药品评价中心负责", ["国家药品监督管理局药品评价中心"]),
        ("《国家卫生健康委办公厅关于印发基层卫生健康便民惠民服务举措的通知》", ["国家卫生健康委员会办公厅"]),
        ("汕头市潮阳区人民医院、佛山市南海区第二人民医院、东莞市疾病预防控制中心参与",
         ["汕头市潮阳区人民医院", "佛山市南海区第二人民医院", "东莞市疾病预防控制中心"]),
        ("中共北京市委、北京市人民政府", ["中共北京市委员会", "北京市人民政府"]),
    ],
)
def test_region_prefixed_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("市民政局、市发改委要会同有关部门加强指导，及时督促检查", "431000",
         ["郴州市民政局", "郴州市发展和改革委员会"]),
        ("公开责任部门：市政府办", "431000", ["郴州市人民政府办公室"]),
        ("(八) 完成区委、区政府交办的其他任务", "360403", ["中共九江市浔阳区委员会", "九江市浔阳区人民政府"]),
        ("重点工作是指中央和省相关部门、市委、市政府、市人大交办或下达的工作", "440307",
         ["中共深圳市委员会", "深圳市人民政府", "深圳市人民代表大会"]),
        ("严格按照区财政要求，提前完善项目库信息", "440307", ["深圳市龙岗区财政局"]),
        ("省卫生健康委、省财政厅、省医保局按职责分工负责", "440000",
         ["广东省卫生健康委员会", "广东省财政厅", "广东省医疗保障局"]),
        ("承担管理区政务服务中心、12345 政务服务热线", "360403", ["九江市浔阳区政务服务中心"]),
        # a municipality is its own 市
        ("市人民政府应当加强领导，市财政局负责", "110000", ["北京市人民政府", "北京市财政局"]),
        # from above a level, a relative name is the body of each region of it
        ("各区人民政府，市政府各委、办、局", "440300", ["区人民政府", "深圳市人民政府"]),
        ("各市卫生健康委要加强指导", "370000", ["市卫生健康委员会"]),
        # a division written after its body, and 编办
        ("请于每月25日前将任务推进情况报送市卫生健康委基层卫生健康科、市财政局社会保障科。", "360700",
         ["赣州市卫生健康委员会基层卫生健康科", "赣州市财政局社会保障科"]),
        ("省卫生计生委牵头，省人力资源社会保障厅、省编办、省财政厅配合", "410000",
         ["河南省卫生和计划生育委员会", "河南省人力资源和社会保障厅", "河南省机构编制委员会办公室", "河南省财政厅"]),
        ("县卫生健康局按规定处理投诉", "360700", ["县卫生健康局"]),  # 处|理 is no division
        # blind set: a county notice's hospitals, reform office and 抄送 line; Shanghai's departments
        ("（责任单位：县卫生健康委、县人民医院、县中医院、县医改办）", "341221",
         ["阜阳市临泉县卫生健康委员会", "阜阳市临泉县人民医院", "阜阳市临泉县中医院",
          "阜阳市临泉县深化医药卫生体制改革领导小组办公室"]),
        ("抄送：县委办，县人大常委会办公室，县政协办公室。", "341221",
         ["中共阜阳市临泉县委办公室", "阜阳市临泉县人民代表大会常务委员会办公室", "阜阳市临泉县政协办公室"]),
        ("市卫生健康行政部门、市交通部门、市公安交通管理部门应当建立道路、交通信息共享机制。", "310000",
         ["上海市卫生健康行政部门", "上海市交通部门", "上海市公安交通管理部门"]),
        ("区卫生健康行政部门负责管理本辖区内的急救医疗服务工作。", "310000", ["区卫生健康行政部门"]),
        # blind set 3: a 宜昌 opinion's data bureau and reform office written in full
        ("（市卫生健康委牵头，市数据局配合）报市深化医改领导小组办公室备案。", "420500",
         ["宜昌市卫生健康委员会", "宜昌市数据局", "宜昌市深化医药卫生体制改革领导小组办公室"]),
    ],
)
def test_relative_names_read_against_the_home_region(text: str, home: str, expected: list[str]) -> None:
    hits = find_organizations(text, home)
    assert [h.name for h in hits] == expected
    assert all(h.surface == text[h.start:h.end] for h in hits)


def test_relative_names_need_a_home_region() -> None:
    assert names("市民政局、市发改委要会同有关部门加强指导") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县级以上人民政府民政部门负责指导本行政区域内", ["民政部门"]),
        ("具体办法由国务院卫生行政部门制定", ["国务院卫生行政部门"]),  # a national body of its own
        ("国土资源、规划部门要加强养老服务用地批后监管", ["国土资源部门", "规划部门"]),
        ("人员由其工作地人事（职改）部门进行学历审查", ["人事（职改）部门"]),
        ("其他医疗机构由所在地卫生健康行政部门审核", ["卫生健康行政部门"]),
        ("所在单位、县（市、区）卫生健康局和市（州）卫生健康委的工作人员须根据政策文件规定",
         ["县（市、区）卫生健康局", "市（州）卫生健康委"]),
        ("各县市区人民政府，市政府各工作部门", ["县市区人民政府"]),
        ("各地级以上市卫生健康局（委）、财政局", ["地级以上市卫生健康局"]),
        ("各设区市卫生健康委：", ["设区市卫生健康委"]),
        ("各州、市卫生健康委，省直有关单位", ["州、市卫生健康委"]),
        ("各市、县（区）卫生健康局", ["县（区）卫生健康局"]),
        ("应当自作出决定之日起5个工作日内通知广告监督管理机关", ["广告监督管理机关"]),  # 中医药条例
    ],
)
def test_department_and_level_words(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # a national level makes a body of its own; 国务院其他有关部门 is not the State Council
        ("第四条 国务院卫生行政部门主管全国母婴保健工作，国务院其他有关部门在各自职责范围内，配合卫生行政部门做好母婴保健工作。",
         None, ["国务院卫生行政部门", "卫生行政部门"]),
        ("（一）在中等职业学校、高等学校完成国务院教育主管部门和国务院卫生主管部门规定的普通全日制3年以上的护理、助产专业课程学习",
         None, ["国务院教育主管部门", "国务院卫生主管部门"]),
        ("应当在向国务院信息产业主管部门或者省级电信管理机构申请办理经营许可证或者办理备案手续之前",
         None, ["国务院信息产业主管部门", "省级电信管理机构"]),
        # so does a provincial one, read against the home region when it is relative (省)
        ("第十三条 省、自治区、直辖市人民政府卫生行政部门负责本行政区域内的母婴保健监测和技术指导。",
         None, ["省、自治区、直辖市人民政府卫生行政部门"]),
        ("第十二条 省卫生健康行政部门应当组织制定精神卫生专业人员培训计划", "330000", ["浙江省卫生健康行政部门"]),
        ("第十二条 省卫生健康行政部门应当组织制定精神卫生专业人员培训计划", None, ["省卫生健康行政部门"]),
        # and a written or relative region
        ("第四十条 杭州市卫生行政部门负责本条例的组织实施。", None, ["杭州市卫生行政部门"]),
        ("市卫生行政部门应当会同有关部门制定精神卫生工作规划", "330100", ["杭州市卫生行政部门"]),
        # a department word after a verb (移送|司法部门)
        ("处以1万元以上3万元以下罚款；构成犯罪的，移送司法部门追究刑事责任。", None, ["司法部门"]),
        ("由县级以上地方人民政府卫生行政主管部门或者环境保护行政主管部门责令限期改正", None,
         ["卫生行政主管部门", "环境保护行政主管部门"]),
        ("内容，并征求市容环境卫生行政主管部门的意见", None, ["市容环境卫生行政主管部门"]),
        ("由公安机关交通管理部门依法处理", None, ["公安机关交通管理部门"]),
        ("发展改革（价格）部门要完善医药价格政策", None, ["发展改革（价格）部门"]),
        ("未经卫生检疫机关许可，任何人不准上下交通工具", None, ["卫生检疫机关"]),
        # 放射性药品管理办法: a …管理 function takes 部门, not 行政部门, from the item after it
        ("并定期向所在地药品监督管理、卫生行政部门报告", None, ["药品监督管理部门", "卫生行政部门"]),
    ],
)
def test_national_provincial_and_regional_departments(text: str, home: str | None, expected: list[str]) -> None:
    assert names(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第三条 各级人民政府应当将母婴保健事业纳入本级国民经济和社会发展计划", ["各级人民政府"]),
        ("第八条 县级以上人民政府应当组织有关部门开展精神卫生工作", ["县级以上人民政府"]),
        ("第二十五条 县级以上地方人民政府应当采取措施，改善护士的工作条件", ["县级以上地方人民政府"]),
        ("第十六条 乡（镇）人民政府、街道办事处应当建立精神卫生工作协调机制", ["乡（镇）人民政府", "街道办事处"]),
        ("县级以上地方人民政府及其有关部门以及乡(镇)人民政府应当", ["县级以上地方人民政府", "乡(镇)人民政府"]),
        ("各省、自治区、直辖市人民政府应当", ["省、自治区、直辖市人民政府"]),
        ("县以上地方人民政府应当对本行政区域内的卫生工作", ["县以上地方人民政府"]),
        ("市、县（市）人民政府应当按照城乡统筹、规模适当的原则", ["县（市）人民政府"]),
        ("区（县级市）人民政府应当将急救医疗事业纳入", ["区（县级市）人民政府"]),
        ("各省辖市、省直管县（市）人民政府要将分级诊疗制度建设纳入", ["省辖市、省直管县（市）人民政府"]),
    ],
)
def test_governments_of_a_level(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("工会、共产主义青年团、妇女联合会、科学技术协会、工商业联合会等社会团体应当协助做好献血工作", None,
         ["工会", "共产主义青年团", "妇女联合会", "科学技术协会", "工商业联合会"]),
        ("第五条 残疾人联合会依照法律、法规或者接受政府委托，开展精神障碍患者康复工作", None, ["残疾人联合会"]),
        ("由患者住所地村（居）民委员会协助办理", None, ["村（居）民委员会"]),
        ("当事人未申请鉴定，人民法院对前款规定的专门性问题认为需要鉴定的，应当依职权委托鉴定", None, ["人民法院"]),
        ("《最高人民法院关于审理医疗损害责任纠纷案件适用法律若干问题的解释》已于2017年3月27日由最高人民法院审判委员会第1713次会议通过",
         None, ["最高人民法院", "最高人民法院审判委员会"]),
        ("共青团、妇联等组织应当", None, ["共产主义青年团", "妇女联合会"]),
        # a law's title names no body; a region before a body is kept
        ("根据《中华人民共和国红十字会法》，红十字会应当开展无偿献血的宣传", None, ["红十字会"]),
        ("泰安市红十字会负责组织", "370900", ["泰安市红十字会"]),
        ("交通运输、泰山景区管理委员会等部门应当", None, ["交通运输部门", "泰山景区管理委员会"]),
        ("各县（市、区）卫生健康委，赣州经开区、蓉江新区社会事业局，委直属各单位", "360700",
         ["县（市、区）卫生健康委", "蓉江新区社会事业局"]),
        ("各省、自治区、直辖市及新疆生产建设兵团卫生健康委：", None, ["新疆生产建设兵团卫生健康委员会"]),
    ],
)
def test_bodies_known_by_kind(text: str, home: str | None, expected: list[str]) -> None:
    assert names(text, home) == expected


def test_district_bodies_in_a_city_text() -> None:
    """市、区人民政府 in a 深圳 text: 区 is every district, not one the text is about."""
    assert names("第四条 市、区人民政府应当加强对中医药工作的领导", "440300") == ["区人民政府"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县级以上地方人民政府负责药品监督管理的部门应当加强对医疗器械使用质量的监督检查", ["负责药品监督管理的部门"]),
        ("设区的市级、县级人民政府承担药品监督管理职责的部门负责本行政区域的药品监督管理工作", ["承担药品监督管理职责的部门"]),
        ("由负责审核的部门退回申请", []),  # a duty that is no government function
        ("在中央军事委员会领导下，中央军事委员会后勤保障部负责组织指导军队药品监督管理工作", ["中央军事委员会"] * 2),
    ],
)
def test_departments_named_by_their_duty(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("发展改革、交通运输、文化和旅游、市场监督管理、泰山景区管理委员会等部门应当按照各自职责，做好献血相关工作。", "370900",
         ["发展改革部门", "交通运输部门", "文化和旅游部门", "市场监督管理部门", "泰山景区管理委员会"]),
        ("公安、财政、自然资源和规划、住房城乡建设、城市管理、行政审批服务等部门应当予以配合。", "370900",
         ["公安部门", "财政部门", "自然资源和规划部门", "住房城乡建设部门", "城市管理部门", "行政审批服务部门"]),
        ("县级以上人民政府发展改革、财政、民政、公安、教育、医疗保障、人力资源社会保障等部门按照各自职责做好精神卫生工作", "330000",
         ["县级以上人民政府", "发展改革部门", "财政部门", "民政部门", "公安部门", "教育部门", "医疗保障部门",
          "人力资源社会保障部门"]),
        # the first item after its lead-in (会同|市文化广电旅游体育) and its level
        ("第六十四条 市中医药主管部门应当会同市文化广电旅游体育、城管和综合执法等部门推动建设", "440300",
         ["深圳市中医药主管部门", "文化广电旅游体育部门", "城管和综合执法部门"]),
        ("第三十四条 市、区卫生健康和教育、民政等部门应当根据突发公共卫生事件应急处置情况", "110000",
         ["卫生健康部门", "教育部门", "民政部门"]),
        # verbs are no departments (有权听取|劳动保障 keeps its items, 协调、指导 are dropped)
        ("基本养老保险基金监督委员会有权听取劳动保障、财政、审计、地方税务、监察等部门对基本养老保险基金的筹集", "330000",
         ["劳动保障部门", "财政部门", "审计部门", "地方税务部门", "监察部门"]),
        ("爱卫会负责协调、指导和督促农业和农村工作、农业、财政、卫生等部门", None,
         ["爱国卫生运动委员会", "农业部门", "财政部门", "卫生部门"]),
        ("第三十九条 县级以上人民政府财政、审计、卫生等部门应当", None,
         ["县级以上人民政府", "财政部门", "审计部门", "卫生部门"]),
    ],
)
def test_every_item_of_a_department_list(text: str, home: str | None, expected: list[str]) -> None:
    assert names(text, home) == expected


def test_collect_county_level_governments_as_one() -> None:
    text = "市、县（市、区）人民政府应当加强领导；市、县（市）人民政府应当按照城乡统筹的原则；县（市、区）人民政府负责"
    assert [(o.name, o.aliases) for o in collect_organizations(find_organizations(text))] == [
        ("县（市、区）人民政府", ["县（市）人民政府"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spellings of one local department are one body
        ("县级以上人民政府卫生健康行政部门负责；卫生健康、民政、财政等部门配合；卫生健康行政部门指导",
         [("卫生健康行政部门", ["县级以上人民政府卫生健康行政部门", "卫生健康部门"]), ("民政部门", []), ("财政部门", [])]),
        # a text naming only the provincial department means it by the bare word …
        ("各省、自治区、直辖市食品药品监督管理部门对本辖区内申请提供互联网药品信息服务的互联网站进行审核。（五）食品药品监督管理部门",
         [("省、自治区、直辖市食品药品监督管理部门", ["食品药品监督管理部门"])]),
        # … but not when it also names a local level
        ("县级以上地方人民政府卫生行政部门管理本行政区域内；省、自治区、直辖市人民政府卫生行政部门指定；卫生行政部门",
         [("卫生行政部门", ["县级以上地方人民政府卫生行政部门"]), ("省、自治区、直辖市人民政府卫生行政部门", [])]),
        # an item written without its ending is no alias
        ("公安、交通运输部门应当保障执行紧急送血任务的送血车优先通行。", [("公安部门", []), ("交通运输部门", [])]),
    ],
)
def test_collect_department_spellings(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert [(o.name, o.aliases) for o in collect_organizations(find_organizations(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "网上申报时要求所有申报人员须对填写内容和提交材料的清晰度和真实性负责",  # role words
        "让广大老年群体享受优质养老服务，鼓励企业参与",
        "结果截图，由信息系统管理部门盖章",  # a hospital's office, not a government function
        "由单位相应继续教育管理部门审核",
        "努力推进医院集团建设和广东省高水平医院建设",  # a description, not a name
        "落实《郴州市中心城区社会力量举办养老机构扶持奖补暂行办法》",
        "其中财政部分按85%比例申报",
        "《洛阳市城市市容和环境卫生管理办法》",  # 管理办|法 is a title, not an office 办
        "山东省村民委员会选举办法",
        "依照《中华人民共和国工会法》的规定",
        "根据村民委员会组织法制定本办法",
    ],
)
def test_not_organizations(text: str) -> None:
    assert names(text, "431000") == []


def test_local_name_expands_short_bodies_by_level() -> None:
    assert local_name("430000", "政府办") == "湖南省人民政府办公厅"
    assert local_name("431000", "政府办") == "郴州市人民政府办公室"
    assert local_name("440300", "委") == "中共深圳市委员会"


def test_collect_merges_spellings_and_names_ending_another() -> None:
    text = "深圳市龙岗中心医院是三级甲等综合性医院。（龙岗中心医院、平湖人民医院）国家卫健委、国家卫生健康委员会"
    orgs = {o.name: o.aliases for o in collect_organizations(find_organizations(text))}
    assert orgs == {"深圳市龙岗中心医院": ["龙岗中心医院"], "平湖人民医院": [], "国家卫生健康委员会": ["国家卫健委"]}


def test_samples_reach_the_target_f1(samples_dir, sample_texts) -> None:
    """Organization F1 over the bundled samples by score.py's rule (any spelling matches)."""
    from extractors.regions import home_region

    tp = fp = fn = 0
    for doc_id, text in sample_texts.items():
        gold = json.loads((samples_dir / f"{doc_id}.json").read_text(encoding="utf-8"))["organizations"]
        pred = collect_organizations(find_organizations(text, home_region(text)))
        used: set[int] = set()
        for g in gold:
            keys = {g["name"], *g["aliases"]}
            match = next((i for i, p in enumerate(pred) if i not in used and keys & {p.name, *p.aliases}), None)
            if match is None:
                fn += 1
            else:
                used.add(match)
                tp += 1
        fp += len(pred) - len(used)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)


def test_spacy_component_labels_spans_with_canonical_names() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("hp_organizations")
    doc = nlp("郴州市人民政府办公室\n市民政局、市发改委要会同有关部门加强指导")
    assert [(s.text, s.label_) for s in doc.spans["hp_organizations"]] == [
        ("郴州市人民政府办公室", "郴州市人民政府办公室"), ("市民政局", "郴州市民政局"), ("市发改委", "郴州市发展和改革委员会")]


def test_spacy_spans_keep_the_session_in_the_written_form() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("hp_organizations")
    doc = nlp("2021年6月29日 泰安市第十七届人民代表大会常务委员会第三十七次会议通过")
    assert [(s.text, s.label_) for s in doc.spans["hp_organizations"]] == [
        ("泰安市第十七届人民代表大会常务委员会", "泰安市人民代表大会常务委员会")]


def test_a_body_defined_by_a_short_term_is_found_wherever_the_term_is_used() -> None:
    text = ("允许药品进口的口岸所在地药品监督管理部门（以下称口岸药品监督管理局）负责进口备案。"
            "急救中心、急救站（以下统称院前急救机构）按照统一指挥调度。口岸药品监督管理局应当审查资料。")
    found = [h.name for h in find_organizations(text)]
    assert found.count("口岸药品监督管理局") == 2
    assert "院前急救机构" not in found  # a class of institutions, not one body


def test_societies_compilers_military_subdistricts_and_procuratorates() -> None:
    # blind set 2: a 中医药 report chapter and the 抄送 line of a municipal opinion
    text = ("行业自律组织主要为中华中医药学会和中国中药协会。\n资料来源：中国政府网，华经产业研究院整理\n"
            "中国内地的非公募基金会\n抄送：柳州军分区，市检察院。")
    found = {h.name for h in find_organizations(text, "450200")}
    assert {"中华中医药学会", "中国中药协会", "华经产业研究院", "柳州市人民检察院"} <= found
    assert any(name.endswith("军分区") for name in found)
    assert not any(name.startswith("中国内地") for name in found)


def test_county_bodies_by_relative_name_and_the_issuers_divisions_in_responsibility_lines() -> None:
    text = ("1.推进紧密型县域医共体建设。完善县人民医院、县中医医院两个医共体运行机制。\n"
            "责任单位：医政医管股、县妇幼保健院、县健康教育所、县卫生健康综合行政执法大队\n")
    found = {(h.name, h.surface) for h in find_organizations(text, "520328", "湄潭县卫生健康局")}
    assert {surface for _, surface in found} == {"县人民医院", "县中医医院", "医政医管股", "县妇幼保健院",
                                                 "县健康教育所", "县卫生健康综合行政执法大队"}
    assert ("遵义市湄潭县卫生健康局医政医管股", "医政医管股") in found
    assert all(h.surface != "医政医管股" for h in find_organizations(text, "520328"))


def test_short_level_governments_and_a_poverty_office_by_relative_name() -> None:
    text = "《意见》要求，各省级政府要制定实施方案，各级政府要落实投入政策。省医疗保障局将会同省财政厅、省扶贫办开展专项检查。"
    assert {(h.name, h.surface) for h in find_organizations(text, "320000")} >= {
        ("省级人民政府", "各省级政府"), ("各级人民政府", "各级政府"), ("江苏省扶贫开发领导小组办公室", "省扶贫办")}
    assert names("不包括市县级政府当年按规定用土地出让收入安排的支出") == []


def test_the_news_agency_by_its_short_name() -> None:
    assert names("新华社北京6月4日电 经国务院同意") == ["新华通讯社", "国务院"]


def test_a_governments_working_department_is_a_description_not_a_body() -> None:
    assert names("南宁市卫生健康委员会是市人民政府工作部门，主要职责是：", "450100") == [
        "南宁市卫生健康委员会", "南宁市人民政府"]


def test_a_national_bodys_local_offices_written_after_it_are_one_body() -> None:
    assert names("各设区市医疗保障局、财政局，国家税务总局各设区市税务局：", "320000") == [
        "设区市医疗保障局", "国家税务总局各设区市税务局"]
    assert names("国家税务总局、各设区市医疗保障局") == ["国家税务总局", "设区市医疗保障局"]


def test_a_functions_handling_agencies_are_a_body() -> None:
    assert names("各级医疗保障经办机构要优化参保登记、待遇核定等业务流程。") == ["医疗保障经办机构"]
