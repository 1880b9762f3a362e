// The specs SKUs vary by. A factor above 1 makes that variant dearer (more storage, a bigger pack).
import type { Axis, AxisName, Pair } from "./types.ts";

const same = (v: string): Pair => [v, v];
const flat = (values: readonly Pair[]) => values.map((v) => [v, 1] as const);

export const axes: Record<AxisName, Axis> = {
  colour: {
    key: ["颜色", "Colour"],
    values: flat([
      ["曜石黑", "Black"],
      ["珍珠白", "White"],
      ["远峰蓝", "Blue"],
      ["星光银", "Silver"],
      ["中国红", "Red"],
      ["松石绿", "Green"],
      ["深空灰", "Grey"],
      ["樱花粉", "Pink"],
    ]),
  },
  storage: {
    key: ["存储", "Storage"],
    values: [
      [same("128GB"), 1],
      [same("256GB"), 1.15],
      [same("512GB"), 1.35],
      [same("1TB"), 1.6],
    ],
  },
  config: {
    key: ["配置", "Configuration"],
    values: [
      [same("16GB+512GB"), 1],
      [same("32GB+1TB"), 1.3],
      [same("32GB+2TB"), 1.55],
    ],
  },
  screen: {
    key: ["尺寸", "Screen size"],
    values: [
      [["24英寸", "24-inch"], 1],
      [["27英寸", "27-inch"], 1.3],
      [["32英寸", "32-inch"], 1.7],
    ],
  },
  size: { key: ["尺码", "Size"], values: flat(["S", "M", "L", "XL", "XXL"].map(same)) },
  shoeSize: { key: ["鞋码", "EU size"], values: flat(["38", "39", "40", "41", "42", "43", "44"].map(same)) },
  caseSize: {
    key: ["表盘", "Case"],
    values: [
      [same("41mm"), 1],
      [same("45mm"), 1.1],
    ],
  },
  capacity: {
    key: ["容量", "Capacity"],
    values: [
      [["3升", "3 L"], 1],
      [["4升", "4 L"], 1.15],
      [["5升", "5 L"], 1.3],
    ],
  },
  volume: {
    key: ["容量", "Size"],
    values: [
      [same("30ml"), 1],
      [same("50ml"), 1.5],
      [same("100ml"), 2.6],
    ],
  },
  pack: {
    key: ["规格", "Pack"],
    values: [
      [["1份", "Single"], 1],
      [["2份", "Pack of 2"], 1.9],
      [["4份", "Pack of 4"], 3.6],
    ],
  },
  flavour: {
    key: ["口味", "Flavour"],
    values: flat([
      ["原味", "Original"],
      ["香辣", "Spicy"],
      ["海盐", "Sea salt"],
      ["芝士", "Cheese"],
      ["蜂蜜", "Honey"],
    ]),
  },
  bedSize: {
    key: ["床尺寸", "Bed size"],
    values: [
      [["1.5米床", "Double (1.5 m)"], 1],
      [["1.8米床", "King (1.8 m)"], 1.2],
      [["2.0米床", "Super king (2.0 m)"], 1.35],
    ],
  },
  diameter: {
    key: ["直径", "Diameter"],
    values: [
      [same("24cm"), 1],
      [same("28cm"), 1.15],
      [same("32cm"), 1.3],
    ],
  },
  shade: {
    key: ["色号", "Shade"],
    values: flat([
      ["01 自然色", "01 Natural"],
      ["02 象牙白", "02 Ivory"],
      ["03 暖米色", "03 Warm beige"],
      ["04 玫瑰红", "04 Rose"],
      ["05 复古红", "05 Classic red"],
    ]),
  },
};
