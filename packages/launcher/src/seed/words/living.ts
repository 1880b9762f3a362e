// Fashion, beauty, home, sports and baby products of the demo catalog.
import type { TopCategory } from "./types.ts";

const material = {
  key: ["材质", "Material"],
  values: [
    ["纯棉", "Cotton"],
    ["涤纶", "Polyester"],
    ["羊毛", "Wool"],
    ["不锈钢", "Stainless steel"],
    ["尼龙", "Nylon"],
  ],
} as const;

export const living: TopCategory[] = [
  {
    name: ["服饰鞋包", "Fashion"],
    attribute: material,
    leaves: [
      {
        name: ["男装", "Men's Clothing"],
        axes: ["colour", "size"],
        price: [79, 899],
        items: {
          zh: ["优衣库|男士 纯棉圆领T恤", "海澜之家|男士 休闲衬衫", "李宁|男士 运动卫衣", "波司登|男士 羽绒服"],
          en: ["Uniqlo|Men's Oxford Shirt", "Levi's|Men's 501 Original Jeans", "Nike|Men's Dri-FIT Running Tee", "The North Face|Men's Nuptse Jacket"],
        },
      },
      {
        name: ["女装", "Women's Clothing"],
        axes: ["colour", "size"],
        price: [99, 1299],
        items: {
          zh: ["太平鸟|女士 法式连衣裙", "优衣库|女士 针织开衫", "ZARA|女士 双排扣风衣", "波司登|女士 轻薄羽绒服"],
          en: ["Uniqlo|Women's Cashmere Sweater", "Mango|Women's Linen Dress", "Levi's|Women's High-Rise Jeans", "Lululemon|Align High-Rise Leggings"],
        },
      },
      {
        name: ["运动鞋", "Sneakers"],
        axes: ["colour", "shoeSize"],
        price: [299, 1499],
        items: {
          zh: ["李宁|超轻20 跑步鞋", "安踏|C202 竞速跑鞋", "特步|160X 马拉松跑鞋", "回力|经典 帆布鞋"],
          en: ["Nike|Air Force 1 '07", "Adidas|Ultraboost Light Running Shoes", "New Balance|574 Sneakers", "Converse|Chuck Taylor All Star"],
        },
      },
      {
        name: ["箱包", "Bags"],
        axes: ["colour"],
        price: [129, 1999],
        items: {
          zh: ["新秀丽|20寸 登机拉杆箱", "小米|极简都市 双肩包", "七匹狼|男士 真皮钱包", "卡拉羊|学生 书包"],
          en: ["Samsonite|Spinner Carry-On Luggage", "Herschel|Little America Backpack", "Fjallraven|Kanken Backpack", "Tumi|Alpha Bravo Tote"],
        },
      },
    ],
  },
  {
    name: ["美妆个护", "Beauty & Personal Care"],
    attribute: {
      key: ["适用肤质", "Skin type"],
      values: [
        ["所有肤质", "All skin types"],
        ["干性肌肤", "Dry skin"],
        ["油性肌肤", "Oily skin"],
      ],
    },
    leaves: [
      {
        name: ["护肤", "Skincare"],
        axes: ["volume"],
        price: [99, 1599],
        items: {
          zh: ["兰蔻|小黑瓶 精华肌底液", "珀莱雅|双抗 精华", "雅诗兰黛|小棕瓶 精华", "百雀羚|水能量 保湿霜"],
          en: [
            "The Ordinary|Niacinamide 10% + Zinc 1% Serum",
            "CeraVe|Moisturising Cream",
            "La Roche-Posay|Anthelios Sunscreen SPF 50",
            "Kiehl's|Ultra Facial Cream",
          ],
        },
      },
      {
        name: ["彩妆", "Makeup"],
        axes: ["shade"],
        price: [89, 599],
        items: {
          zh: ["完美日记|小细跟 口红", "花西子|空气 散粉", "毛戈平|光感 粉底液", "卡姿兰|大眼睛 睫毛膏"],
          en: ["MAC|Matte Lipstick", "Maybelline|Fit Me Foundation", "NARS|Radiant Creamy Concealer", "Fenty Beauty|Gloss Bomb Lip Luminizer"],
        },
      },
      {
        name: ["洗护", "Hair & Body"],
        axes: ["volume"],
        price: [29, 199],
        items: {
          zh: ["海飞丝|去屑 洗发水", "多芬|滋养 沐浴露", "舒肤佳|抑菌 洗手液", "潘婷|氨基酸 护发素"],
          en: ["Head & Shoulders|Anti-Dandruff Shampoo", "Dove|Deeply Nourishing Body Wash", "Aesop|Resurrection Hand Wash", "Olaplex|No.3 Hair Perfector"],
        },
      },
    ],
  },
  {
    name: ["家居家装", "Home & Living"],
    attribute: material,
    leaves: [
      {
        name: ["床上用品", "Bedding"],
        axes: ["colour", "bedSize"],
        price: [129, 1299],
        items: {
          zh: ["水星家纺|纯棉 四件套", "罗莱|桑蚕丝 被", "富安娜|天然乳胶 枕", "梦洁|白鹅绒 羽绒被"],
          en: ["IKEA|DVALA Bed Linen Set", "Brooklinen|Luxe Sateen Sheet Set", "Casper|Original Pillow", "Tempur|Cloud Mattress Topper"],
        },
      },
      {
        name: ["厨具", "Cookware"],
        axes: ["diameter"],
        price: [89, 1999],
        items: {
          zh: ["苏泊尔|不粘 炒锅", "双立人|不锈钢 汤锅", "爱仕达|铸铁 炖锅", "炊大皇|麦饭石 平底锅"],
          en: [
            "Le Creuset|Signature Cast Iron Casserole",
            "Tefal|Ingenio Non-Stick Frying Pan",
            "Lodge|Cast Iron Skillet",
            "Zwilling|Pro Stainless Steel Saucepan",
          ],
        },
      },
      {
        name: ["收纳", "Storage"],
        axes: ["colour", "pack"],
        price: [19.9, 299],
        items: {
          zh: ["天马|抽屉式 收纳箱", "禧天龙|塑料 收纳盒", "太力|真空 压缩袋", "百露|衣柜 收纳筐"],
          en: ["IKEA|SAMLA Storage Box", "Joseph Joseph|Nest Food Storage Set", "mDesign|Fridge Organiser Bins", "Sterilite|Stackable Drawer"],
        },
      },
    ],
  },
  {
    name: ["运动户外", "Sports & Outdoors"],
    attribute: material,
    leaves: [
      {
        name: ["健身", "Fitness"],
        axes: ["colour"],
        price: [49, 2999],
        items: {
          zh: ["Keep|加厚 瑜伽垫", "迪卡侬|可调节 哑铃", "小米|家用 走步机", "李宁|计数 跳绳"],
          en: ["Bowflex|SelectTech 552 Dumbbells", "Manduka|PRO Yoga Mat", "TRX|All-in-One Suspension Trainer", "Theragun|Mini Massage Gun"],
        },
      },
      {
        name: ["户外装备", "Outdoor Gear"],
        axes: ["colour"],
        price: [99, 3999],
        items: {
          zh: ["牧高笛|3-4人 自动帐篷", "探路者|防水 冲锋衣", "凯乐石|防滑 登山鞋", "骆驼|户外 折叠椅"],
          en: ["Patagonia|Better Sweater Fleece Jacket", "Osprey|Atmos AG 65 Backpack", "Coleman|Sundome 4-Person Tent", "Black Diamond|Trekking Poles"],
        },
      },
    ],
  },
  {
    name: ["母婴玩具", "Baby & Toys"],
    attribute: {
      key: ["适用年龄", "Age"],
      values: [
        ["0-3岁", "0-3 years"],
        ["3-6岁", "3-6 years"],
        ["6岁以上", "6 years and up"],
      ],
    },
    leaves: [
      {
        name: ["玩具", "Toys"],
        axes: ["pack"],
        price: [59, 999],
        items: {
          zh: ["乐高|城市系列 消防局", "费雪|婴儿 健身架", "奥迪双钻|超级飞侠 变形机器人", "贝恩施|磁力片 积木"],
          en: ["LEGO|Classic Creative Brick Box", "Hot Wheels|Track Builder Set", "Melissa & Doug|Wooden Puzzle Set", "Barbie|Dreamhouse"],
        },
      },
      {
        name: ["母婴用品", "Baby Care"],
        axes: ["pack"],
        price: [49, 499],
        items: {
          zh: ["帮宝适|一级帮 纸尿裤 L号", "好奇|心钻装 拉拉裤 XL号", "飞鹤|星飞帆 婴儿奶粉 3段 700g", "贝亲|宽口径 玻璃奶瓶"],
          en: [
            "Pampers|Baby-Dry Nappies Size 4",
            "Huggies|Natural Care Baby Wipes",
            "Philips Avent|Natural Baby Bottle 260ml",
            "Aptamil|First Infant Milk 800g",
          ],
        },
      },
    ],
  },
];
