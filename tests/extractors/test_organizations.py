"""Organization mentions: named bodies, region-prefixed names, relative names, department words."""
from __future__ import annotations

import json

import pytest
import spacy

from extractors.organizations import collect_organizations, find_organizations, local_name


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
    ],
)
def test_department_and_level_words(text: str, expected: list[str]) -> None:
    assert names(text) == expected


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
