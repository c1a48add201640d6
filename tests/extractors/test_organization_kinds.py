"""Bodies known by their level or kind alone, read over unseen laws (blind set 5)."""
from __future__ import annotations

import pytest

from extractors.organizations import find_organizations


@pytest.mark.parametrize(("text", "expected"), [
    # 重庆 writes its county level 区县（自治县）
    ("区县（自治县）人民政府对本行政区域内食品小作坊和食品摊贩的食品安全监督管理工作负责", "区县（自治县）人民政府"),
    ("市政管理部门负责食品摊贩占道经营行为的监督管理工作。", "市政管理部门"),
    ("居民委员会、村民委员会、公安派出所应当对收到告诫书的加害人、受害人进行查访", "公安派出所"),
    ("法律援助机构应当依法为家庭暴力受害人提供法律援助。", "法律援助机构"),
    # level words that hold 设区的 and 或者
    ("设区的市级以上地方人民政府应当设置与传染病防治工作需要相适应的传染病专科医院", "设区的市级以上地方人民政府"),
    ("县级或者设区的市级人民政府可以单独或者依托救助管理机构设立临时庇护场所", "县级或者设区的市级人民政府"),
])
def test_bodies_named_by_level_or_kind(text, expected):
    assert expected in [h.name for h in find_organizations(text, "500000")]
